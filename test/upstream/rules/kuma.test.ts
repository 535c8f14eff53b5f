/**
 * Each KUMA_* rule passes on the reference example and fails on a copy broken the way Kuma
 * would break it: the defects these rules were written for, put back one at a time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { renderValues } from '../../../lib/private/helm-values';
import { synthEphemeralExample, synthReferenceExample } from '../../helpers/examples';
import type { StackJson } from '../../helpers/synth';
import { AppView } from '../app-view';
import { CORPUS } from '../corpus';
import {
  KUMA_GATEWAY_ANNOTATION_VALUE,
  KUMA_CALLER_JOB_WAITS_FOR_PERMISSION,
  KUMA_CP_SECRETS_HAVE_KEYS,
  KUMA_GLOBAL_RESOURCE_PLACEMENT,
  KUMA_KUMACTL_REACHES_API,
  KUMA_INGRESS_PUBLIC_COORDINATES,
  KUMA_MESH_BUILTIN_CA,
  KUMA_MESH_HOSTNAME_RESOLVES,
  KUMA_MTP_SELECTS_WORKLOAD,
  KUMA_MTP_SOURCE_IS_REAL_IDENTITY,
  KUMA_MTP_VALID,
} from './kuma';

const reference = synthReferenceExample();

/** A copy of the reference example with `edit` applied to its JSON. */
function broken(edit: (stacks: Record<string, StackJson>) => void): AppView {
  const stacks = structuredClone(reference);
  edit(stacks);
  return new AppView(stacks);
}

/** The kubernetes_manifest of a Kuma resource by kind and name, in the mesh stage. */
function manifest(stacks: Record<string, StackJson>, kind: string, name?: string): any {
  const found = Object.values<any>(stacks['acme-mesh'].resource!.kubernetes_manifest).find(
    (resource) => resource.manifest.kind === kind && (name === undefined || resource.manifest.metadata.name === name),
  );
  assert.ok(found, `${kind} ${name ?? ''} exists`);
  return found.manifest;
}

/** Rewrites the values of the platform release `name` on provider `provider`. */
function editValues(stacks: Record<string, StackJson>, name: string, provider: string, edit: (values: any) => void): void {
  const release = Object.values<any>(stacks['acme-platform'].resource!.helm_release).find((candidate) => candidate.name === name && candidate.provider === provider);
  assert.ok(release, `release ${name} on ${provider}`);
  const values = parse(release.values[0]);
  edit(values);
  // Written back as the library writes values, YAML 1.1-safe (`database: "off"` stays a string).
  release.values = [renderValues(values)];
}

const fixed = new AppView(reference);

test('KUMA_MTP_SELECTS_WORKLOAD: the reference permissions select the GKE gateway and catalog; a MeshService by labels selects nothing', () => {
  assert.deepEqual(KUMA_MTP_SELECTS_WORKLOAD.check(fixed), []);
  // GIVEN the defect of issue 9: a top-level MeshService by labels (Kuma reads only its name)
  const app = broken((stacks) => {
    manifest(stacks, 'MeshTrafficPermission', 'gateway-azure-to-gateway').spec.targetRef = {
      kind: 'MeshService',
      labels: { 'kuma.io/display-name': 'gateway-mesh', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'gcp' },
    };
  });
  // THEN
  const violations = KUMA_MTP_SELECTS_WORKLOAD.check(app);
  assert.equal(violations.length, 1);
  assert.match(violations[0].message, /selects no inbound.*resolved by kuma\.io\/service name only/);
});

test('KUMA_MTP_SELECTS_WORKLOAD: Dataplane labels of the delegated AKS gateway select no inbound; the real kuma.io/service of the mesh inbound does', () => {
  const otherZone = broken((stacks) => {
    const labels = manifest(stacks, 'MeshTrafficPermission', 'gateway-azure-to-gateway').spec.targetRef.labels;
    labels['kuma.io/zone'] = 'azure';
    labels['app.kubernetes.io/instance'] = 'gateway-azure';
  });
  // The AKS gateway is delegated: it has no inbound a permission could protect.
  assert.match(KUMA_MTP_SELECTS_WORKLOAD.check(otherZone)[0].message, /only delegated gateways/);
  // A name-only MeshService that is the real kuma.io/service of the mesh inbound does select it.
  const byServiceTag = broken((stacks) => {
    manifest(stacks, 'MeshTrafficPermission', 'gateway-azure-to-gateway').spec.targetRef = { kind: 'MeshService', name: 'gateway-mesh_kong_svc_443' };
  });
  assert.deepEqual(KUMA_MTP_SELECTS_WORKLOAD.check(byServiceTag), []);
});

test('KUMA_MTP_SOURCE_IS_REAL_IDENTITY: the AKS gateway is not gateway-azure-proxy to Kuma; the GKE gateway, a regular workload, is gateway-proxy', () => {
  assert.deepEqual(KUMA_MTP_SOURCE_IS_REAL_IDENTITY.check(fixed), []);
  // GIVEN the defect: the delegated gateway named by its proxy Service. Kuma takes its tags from
  // the first Service by name selecting it, one of the Kong chart's (gateway-azure-kong-metrics).
  const app = broken((stacks) => {
    manifest(stacks, 'MeshTrafficPermission', 'gateway-azure-to-gateway').spec.from[0].targetRef.tags = {
      'k8s.kuma.io/service-name': 'gateway-azure-proxy', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'azure',
    };
    // The GKE gateway has inbounds for every Service selecting it, so its proxy Service name is in its certificate.
    manifest(stacks, 'MeshTrafficPermission', 'gateway-to-catalog').spec.from[0].targetRef.tags = {
      'k8s.kuma.io/service-name': 'gateway-proxy', 'k8s.kuma.io/namespace': 'kong', 'kuma.io/zone': 'gcp',
    };
  });
  const violations = KUMA_MTP_SOURCE_IS_REAL_IDENTITY.check(app);
  assert.equal(violations.length, 1, violations.map((violation) => violation.message).join('\n'));
  assert.match(violations[0].message, /gateway-azure-kong-metrics, delegated gateway/);
});

test('KUMA_MTP_VALID: kinds and fields the validator refuses', () => {
  assert.deepEqual(KUMA_MTP_VALID.check(fixed), []);
  const app = broken((stacks) => {
    const spec = manifest(stacks, 'MeshTrafficPermission', 'gateway-azure-to-gateway').spec;
    spec.targetRef = { kind: 'MeshService', name: 'gateway-mesh', labels: { app: 'x' } };
    spec.from[0].targetRef = { kind: 'Dataplane', labels: { app: 'y' } };
    spec.from.push({ targetRef: { kind: 'MeshSubset', tags: { 'k8s.kuma.io/namespace': '' } }, default: { action: 'Allow' } });
  });
  const [violation] = KUMA_MTP_VALID.check(app);
  assert.match(violation.message, /targetRef: either labels or name and namespace must be specified/);
  assert.match(violation.message, /from\[0\]\.targetRef: kind Dataplane is not supported/);
  assert.match(violation.message, /from\[1\]\.targetRef: tag k8s\.kuma\.io\/namespace value "" must be non-empty/);
});

test('KUMA_GATEWAY_ANNOTATION_VALUE: kuma.io/gateway "disabled" fails the pod converter', () => {
  assert.deepEqual(KUMA_GATEWAY_ANNOTATION_VALUE.check(fixed), []);
  const app = broken((stacks) => editValues(stacks, 'gateway', 'helm.acme_gke', (values) => { values.podAnnotations['kuma.io/gateway'] = 'disabled'; }));
  const violations = KUMA_GATEWAY_ANNOTATION_VALUE.check(app);
  assert.equal(violations.length, 1);
  assert.match(violations[0].message, /kong\/gateway-kong: pod annotation kuma\.io\/gateway is "disabled"/);
});

test('KUMA_MESH_HOSTNAME_RESOLVES: a GKE gateway with any kuma.io/gateway value gets no MeshService, so its mesh host name resolves nowhere', () => {
  assert.deepEqual(KUMA_MESH_HOSTNAME_RESOLVES.check(fixed), []);
  // GIVEN the GKE gateway as a delegated gateway (meshservice_controller.go#isServiceForGateway)
  const delegated = broken((stacks) => editValues(stacks, 'gateway', 'helm.acme_gke', (values) => { values.podAnnotations['kuma.io/gateway'] = 'enabled'; }));
  const [violation] = KUMA_MESH_HOSTNAME_RESOLVES.check(delegated);
  assert.match(violation.message, /points at gateway-mesh\.kong\.svc\.gcp\.mesh\.local, but no HostnameGenerator gives a MeshService that name/);
  // GIVEN a host name no generator makes (the local-zone template, used across zones)
  const wrongName = broken((stacks) => {
    const service = Object.values<any>(stacks['acme-mesh'].resource!.kubernetes_service_v1).find((candidate) => candidate.spec.external_name === 'gateway-mesh.kong.svc.gcp.mesh.local');
    service.spec.external_name = 'gateway-mesh.kong.svc.mesh.local';
  });
  assert.equal(KUMA_MESH_HOSTNAME_RESOLVES.check(wrongName).length, 1);
});

test('KUMA_INGRESS_PUBLIC_COORDINATES: an address without a port is refused', () => {
  assert.deepEqual(KUMA_INGRESS_PUBLIC_COORDINATES.check(fixed), []);
  const app = broken((stacks) => editValues(stacks, 'kuma', 'helm.acme_gke', (values) => { delete values.ingress.podAnnotations['kuma.io/ingress-public-port']; }));
  const [violation] = KUMA_INGRESS_PUBLIC_COORDINATES.check(app);
  assert.match(violation.message, /both kuma\.io\/ingress-public-address and kuma\.io\/ingress-public-port have to be defined/);
});

test('KUMA_GLOBAL_RESOURCE_PLACEMENT: a policy outside the system namespace, or for a mesh nobody creates, is refused', () => {
  assert.deepEqual(KUMA_GLOBAL_RESOURCE_PLACEMENT.check(fixed), []);
  const app = broken((stacks) => {
    manifest(stacks, 'MeshTrafficPermission', 'gateway-to-catalog').metadata.namespace = 'kong';
    manifest(stacks, 'MeshTLS').metadata.labels['kuma.io/mesh'] = 'other';
  });
  const messages = KUMA_GLOBAL_RESOURCE_PLACEMENT.check(app).map((violation) => violation.message);
  assert.equal(messages.length, 2, messages.join('\n'));
  assert.match(messages.join('\n'), /only in the system namespace kuma-system/);
  assert.match(messages.join('\n'), /mesh "other", which the app does not create/);
});

test('KUMA_MESH_BUILTIN_CA: rsaBits, a compound duration and an unknown enabled backend', () => {
  assert.deepEqual(KUMA_MESH_BUILTIN_CA.check(fixed), []);
  const app = broken((stacks) => {
    const mtls = manifest(stacks, 'Mesh').spec.mtls;
    mtls.backends[0].conf.caCert = { rsaBits: 2048, expiration: '10y' };
    mtls.backends[0].dpCert.rotation.expiration = '1h30m';
    mtls.enabledBackend = 'ca-2';
  });
  const messages = KUMA_MESH_BUILTIN_CA.check(app).map((violation) => violation.message).join('\n');
  assert.match(messages, /enabledBackend "ca-2"/);
  assert.match(messages, /rsaBits is ignored/);
  assert.match(messages, /dpCert\.rotation\.expiration "1h30m" is not a Kuma duration/);
});

test('KUMA_CP_SECRETS_HAVE_KEYS: a zone whose KDS CA Secret lacks ca.crt, or an env key the Secret lacks, is reported', () => {
  assert.deepEqual(KUMA_CP_SECRETS_HAVE_KEYS.check(fixed), []);
  const app = broken((stacks) => {
    const secrets = Object.values<any>(stacks['acme-platform'].resource!.kubernetes_secret_v1);
    const caSecret = secrets.find((secret) => secret.provider === 'kubernetes.acme_aks' && secret.data?.['ca.crt'] !== undefined);
    assert.ok(caSecret, 'the AKS zone has a KDS CA Secret');
    caSecret.data = { 'ca.pem': caSecret.data['ca.crt'] };
  });
  const [violation] = KUMA_CP_SECRETS_HAVE_KEYS.check(app);
  assert.match(violation.message, /volume kds-client-tls-cert \(Secret kuma-kds-global-ca\) lacks ca\.crt/);
});

test('KUMA_CALLER_JOB_WAITS_FOR_PERMISSION: the ephemeral example\'s check Jobs wait for their permissions; without depends_on they are reported', () => {
  // GIVEN the ephemeral example, whose connectivity-check Jobs call through the mesh
  const ephemeral = synthEphemeralExample();
  assert.deepEqual(KUMA_CALLER_JOB_WAITS_FOR_PERMISSION.check(new AppView(ephemeral)), []);
  // WHEN the Jobs lose their depends_on
  const stacks = structuredClone(ephemeral);
  const meshStack = Object.keys(stacks).find((name) => name.endsWith('-mesh'))!;
  const jobs = Object.values<any>(stacks[meshStack].resource!.kubernetes_job_v1 ?? {});
  assert.ok(jobs.length > 0, 'the ephemeral example has check Jobs');
  for (const job of jobs) delete job.depends_on;
  // THEN
  const violations = KUMA_CALLER_JOB_WAITS_FOR_PERMISSION.check(new AppView(stacks));
  assert.ok(violations.length >= jobs.length, violations.map((violation) => violation.message).join('\n'));
  assert.match(violations[0].message, /nothing orders it after kubernetes_manifest\./);
});

test('KUMA_KUMACTL_REACHES_API: a Universal global\'s kumactl Job verifies the API and is admitted; without the API certificate or with an uncreated token it is not', () => {
  // GIVEN a topology whose global runs in Universal mode (resources applied by a kumactl Job)
  const universal = CORPUS.find((entry) => entry.name.includes('"placement":"universal-postgres"'))!.synth();
  assert.deepEqual(KUMA_KUMACTL_REACHES_API.check(new AppView(universal)), []);
  const platform = Object.keys(universal).find((name) => name.endsWith('-platform'))!;
  const meshStack = Object.keys(universal).find((name) => name.endsWith('-mesh'))!;
  // WHEN the global's values lose the API certificate and the client-certificate authentication (the defect)
  const withoutApiTls = structuredClone(universal);
  const global = Object.values<any>(withoutApiTls[platform].resource!.helm_release).find((release) => /environment: universal/.test(release.values[0]))!;
  const values = parse(global.values[0]);
  delete values.controlPlane.tls.apiServer;
  delete values.controlPlane.envVars.KUMA_API_SERVER_AUTHN_TYPE;
  global.values = [renderValues(values)];
  // THEN
  const messages = KUMA_KUMACTL_REACHES_API.check(new AppView(withoutApiTls)).map((violation) => violation.message).join('\n');
  assert.match(messages, /has no API certificate configured and serves one it signs itself/);
  assert.match(messages, /presents a client certificate, but the control plane authenticates by tokens/);
  // WHEN the Job authenticates with a token Secret nobody creates
  const withToken = structuredClone(universal);
  const job = Object.values<any>(withToken[meshStack].resource!.kubernetes_job_v1)[0];
  const container = job.spec.template.spec.container[0];
  container.command = container.command.map((part: string) =>
    part.replace(/--client-cert-file \S+ --client-key-file \S+/, '--auth-type tokens --auth-conf "token=$(cat /var/run/secrets/kuma-admin/token)"'));
  container.volume_mount = container.volume_mount.map((mount: any) => (mount.name === 'api-client' ? { ...mount, name: 'admin-token', mount_path: '/var/run/secrets/kuma-admin' } : mount));
  job.spec.template.spec.volume = job.spec.template.spec.volume.map((volume: any) => (volume.name === 'api-client' ? { name: 'admin-token', secret: { secret_name: 'kuma-admin-token' } } : volume));
  // THEN
  const [tokenViolation] = KUMA_KUMACTL_REACHES_API.check(new AppView(withToken));
  assert.match(tokenViolation.message, /Secret kuma-admin-token, which nothing in the app creates/);
});
