import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planTopology } from '../../../lib/topology/plan-topology';
import { topologyIssues } from '../../../lib/topology/validate-topology';
import { ephemeralExampleTopology } from '../../helpers/examples';

test('an API in several zones is planned with a MeshMultiZoneService name and a local-first order per zone', () => {
  // WHEN
  const plan = planTopology(ephemeralExampleTopology());
  // THEN
  const catalog = plan.apis.find((api) => api.name === 'catalog')!;
  assert.deepEqual(catalog.failover, {
    serviceName: 'catalog',
    hostname: 'catalog.mzsvc.mesh.local',
    zones: ['gcp', 'azure'],
    orderFrom: { gcp: ['gcp', 'azure'], azure: ['azure', 'gcp'] },
  });
});

test('an API in one zone has no failover', () => {
  const spec = ephemeralExampleTopology();
  const plan = planTopology({ ...spec, apis: [{ name: 'catalog', zones: ['gcp'] }], routes: spec.routes!.filter((route) => route.gateway === 'gateway' || route.via) });
  assert.equal(plan.apis[0].failover, undefined);
});

test('a zone listed twice for an API is an issue at its field path (the list is the failover order)', () => {
  // GIVEN
  const spec = ephemeralExampleTopology();
  // WHEN
  const issues = topologyIssues({ ...spec, apis: [{ name: 'catalog', zones: ['gcp', 'azure', 'gcp'] }] });
  // THEN
  assert.deepEqual(
    issues.map((issue) => [issue.path, issue.value]),
    [['apis[0].zones[2]', 'gcp']],
  );
  assert.match(issues[0].message, /repeats apis\[0\]\.zones\[0\].*failover order.*list each zone once/);
  assert.deepEqual(topologyIssues(spec), [], 'the ephemeral example is valid');
});

test('synthesized: routes to the multi-zone API go to its MeshMultiZoneService; the permission covers every zone; the checks prove the local copy and the failover target answer', async () => {
  const { synthEphemeralExample } = await import('../../helpers/examples');
  const { resourcesOfType } = await import('../../helpers/synth');
  // WHEN
  const mesh = synthEphemeralExample()['pr-42-mesh'];
  // THEN the Kong Services of both api routes point at the MeshMultiZoneService name
  const backends = resourcesOfType(mesh, 'kubernetes_service_v1').map(([, service]) => service.spec.external_name).sort();
  assert.deepEqual(backends, ['catalog.mzsvc.mesh.local', 'catalog.mzsvc.mesh.local', 'gateway-mesh.kong.svc.gcp.mesh.local']);
  // the permission to catalog selects its pods in every zone (failover may cross)
  const manifests = resourcesOfType(mesh, 'kubernetes_manifest').map(([, resource]) => resource.manifest);
  const permission = manifests.find((manifest) => manifest.kind === 'MeshTrafficPermission' && manifest.metadata.name === 'gateway-azure-to-catalog');
  assert.deepEqual(permission.spec.targetRef, { kind: 'Dataplane', labels: { 'app.kubernetes.io/name': 'catalog', 'k8s.kuma.io/namespace': 'catalog' } }, 'no kuma.io/zone: both copies');
  // the AKS gateway's check: through the gateway and through the MeshMultiZoneService the azure copy answers; the gcp copy answers across zones
  const script: string = resourcesOfType(mesh, 'kubernetes_job_v1')
    .map(([, job]) => job.spec.template.spec.container[0].command[2] as string)
    .find((candidate) => candidate.includes('https://catalog.azure.pr-42.preview.acme.example/'))!;
  assert.match(script, /catalog\.azure\.pr-42\.preview\.acme\.example\/\) && case "\$body" in \*'catalog in azure'\*/);
  assert.match(script, /http:\/\/catalog\.mzsvc\.mesh\.local:8080\/\) && case "\$body" in \*'catalog in azure'\*/);
  assert.match(script, /http:\/\/catalog\.catalog\.svc\.gcp\.mesh\.local:8080\/\) && case "\$body" in \*'catalog in gcp'\*/);
});

test('the planned MeshMultiZoneService name is the one the HostnameGenerator the stage creates gives it', async () => {
  const { HostnameGenerator, renderHostname } = await import('../../../lib/mesh/hostname-generator');
  const { synthStack } = await import('../../helpers/synth');
  const { fakeGlobal } = await import('../gateway/fakes');
  let template = '';
  synthStack((s) => (template = HostnameGenerator.multiZone(s, 'names', { globalControlPlane: fakeGlobal() }).template));
  const plan = planTopology(ephemeralExampleTopology());
  assert.equal(renderHostname(template, { displayName: 'catalog', namespace: 'catalog', zone: 'gcp', mesh: 'default', labels: {} }), plan.apis[0].failover!.hostname);
});
