import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Construct } from 'constructs';
import { IGlobalControlPlane } from '../../lib/mesh/control-plane';
import { HostnameGenerator, HostnameGeneratorSelector } from '../../lib/mesh/hostname-generator';
import { IKumaResourceSink } from '../../lib/mesh/kuma-resource';
import { KubernetesResourceSink } from '../../lib/mesh/kubernetes-resource-sink';
import { KumactlResourceSink } from '../../lib/mesh/kumactl-resource-sink';
import { Mesh } from '../../lib/mesh/mesh';
import { MeshMultiZoneService } from '../../lib/mesh/mesh-multi-zone-service';
import { MeshTls } from '../../lib/mesh/mesh-tls';
import { MeshTrafficPermission } from '../../lib/mesh/mesh-traffic-permission';
import { fakeConnection } from '../helpers/fakes';
import { resourcesOfType, synthStack } from '../helpers/synth';
import { checkConformance, formatFindings } from './check-stacks';
import { skipMessage } from './upstream';

const skip = skipMessage();

function globalWith(resources: IKumaResourceSink): IGlobalControlPlane {
  return { kdsGlobalAddress: 'grpcs://203.0.113.1:5685', systemNamespace: 'kuma-system', resources };
}

function everyMeshResource(scope: Construct, globalControlPlane: IGlobalControlPlane): void {
  new Mesh(scope, 'mesh', { globalControlPlane, mesh: 'acme' });
  new MeshTls(scope, 'tls', { globalControlPlane, mesh: 'acme' });
  new MeshTrafficPermission(scope, 'permission', {
    globalControlPlane,
    mesh: 'acme',
    target: { name: 'gateway-mesh', namespace: 'kong', zone: 'gcp' },
    allowFrom: [{ name: 'gateway-proxy', namespace: 'kong', zone: 'azure' }, { name: 'connectivity-check', namespace: 'checks' }],
  });
  HostnameGenerator.crossZone(scope, 'cross-zone', { globalControlPlane });
  HostnameGenerator.localZone(scope, 'local-zone', { globalControlPlane });
  new HostnameGenerator(scope, 'multi-zone', {
    globalControlPlane,
    name: 'multi-zone',
    template: '{{ .DisplayName }}.mzsvc.{{ .Mesh }}.mesh.local',
    selector: HostnameGeneratorSelector.meshMultiZoneService({ matchLabels: { 'kuma.io/origin': 'global' } }),
  });
  new MeshMultiZoneService(scope, 'catalog', {
    globalControlPlane,
    mesh: 'acme',
    name: 'catalog',
    matchLabels: { 'kuma.io/display-name': 'catalog', 'k8s.kuma.io/namespace': 'catalog' },
    ports: [{ port: 8080, appProtocol: 'http' }],
  });
  MeshTrafficPermission.allowAllInsecure(scope, 'allow-all', { globalControlPlane, mesh: 'acme' });
}

test('mesh resources as custom resources conform to the Kuma CRDs and Mesh.json', { skip }, () => {
  // GIVEN
  const stack = synthStack((s) => everyMeshResource(s, globalWith(new KubernetesResourceSink(fakeConnection('global'), 'kuma-system'))));
  // WHEN
  const findings = checkConformance({ mesh: stack });
  // THEN
  assert.equal(resourcesOfType(stack, 'kubernetes_manifest').length, 8);
  assert.deepEqual(findings, [], formatFindings(findings));
});

test('mesh resources in Universal format (kumactl ConfigMap) conform to the same schemas', { skip }, () => {
  // GIVEN
  const sink = new KumactlResourceSink({ connection: fakeConnection('global'), namespace: 'kuma-global', apiUrl: 'https://kuma-control-plane.kuma-global.svc:5682', adminTokenSecretName: 'kuma-admin' });
  const stack = synthStack((s) => everyMeshResource(s, globalWith(sink)));
  // WHEN
  const findings = checkConformance({ mesh: stack });
  // THEN
  const [[, configMap]] = resourcesOfType(stack, 'kubernetes_config_map_v1');
  assert.equal(Object.keys(configMap.data).length, 8);
  assert.deepEqual(findings, [], formatFindings(findings));
});
