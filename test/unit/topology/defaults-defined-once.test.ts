/**
 * The planner's derived names are the constructs' own: what `planTopology` (and so the
 * diagram and the validator) says equals what the synthesized resources carry. Each
 * assertion reads the synthesized JSON, so a copy in the planner that drifted from the
 * construct fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planTopology } from '../../../lib/topology/plan-topology';
import { renderHostname } from '../../../lib/mesh/hostname-generator';
import { generateTopology } from '../../helpers/generated-topology';
import { synthTopology } from '../../helpers/examples';
import { manifests } from '../../helpers/synth';

test('plan and stacks agree: cross-zone host names, certificate DNS names, proxy Service names, ACME server', () => {
  // GIVEN three zones, the first serving the API, the others reaching it across zones
  const spec: any = generateTopology({ zones: 3 });
  spec.gateways[0].includeApex = true;
  const plan = planTopology(spec);
  // WHEN
  const stacks = synthTopology(spec);
  const mesh = manifests(stacks[`${spec.environment}-mesh`]);
  // THEN: the cross-zone HostnameGenerator renders the host name the plan gives the remote gateway
  const generator = mesh.find(({ manifest }) => manifest.kind === 'HostnameGenerator' && manifest.metadata.name === 'cross-zone-mesh-services')!.manifest;
  for (const gateway of plan.gateways.filter((candidate) => candidate.acceptsMeshTraffic)) {
    const rendered = renderHostname(generator.spec.template, { displayName: gateway.meshServiceName, namespace: gateway.namespace, zone: gateway.zone, mesh: plan.meshName, labels: {} });
    assert.equal(rendered, gateway.meshHostname);
  }
  // each gateway's Certificate names exactly the plan's DNS names
  for (const gateway of plan.gateways) {
    const certificate = mesh.find(({ manifest }) => manifest.kind === 'Certificate' && manifest.metadata.namespace === gateway.namespace && manifest.spec.dnsNames.includes(gateway.certificateDnsNames[0]))!.manifest;
    assert.deepEqual(certificate.spec.dnsNames, gateway.certificateDnsNames);
  }
  // the proxy Service the Kong release names is the plan's
  const releases = Object.values<any>(stacks[`${spec.environment}-platform`].resource!.helm_release).filter((release) => release.chart === 'kong');
  for (const gateway of plan.gateways) {
    const release = releases.find((candidate) => candidate.name === gateway.name)!;
    assert.match(release.values.join('\n'), new RegExp(`nameOverride: ${gateway.proxyServiceName}\\b`));
  }
  // the ACME server the plan describes is the one the ClusterIssuers use
  const issuer = mesh.find(({ manifest }) => manifest.kind === 'ClusterIssuer')!.manifest;
  assert.match(plan.issuer, /letsencrypt\)/);
  assert.equal(issuer.spec.acme.server, 'https://acme-v02.api.letsencrypt.org/directory');
});
