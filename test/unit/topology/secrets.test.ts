/**
 * Secrets of a topology: the Kong Mesh license and the PostgreSQL password come from sensitive
 * inputs, and Terraform writes them into Secrets it creates in the namespaces it creates,
 * before the releases that read them; or the topology names Secrets that exist already. The
 * PostgreSQL connection verifies the server unless the waiver is named. Each test judges the
 * synthesized JSON, and the values as the pinned Kuma chart renders them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { Cloud } from '../../../lib/core/cloud';
import { CrossCloudMesh } from '../../../lib/topology/cross-cloud-mesh';
import { readStacks } from '../../helpers/synth';
import { GlobalPlacement, MeshDistributionName } from '../../../lib/topology/topology-spec';
import { TopologyValidationError, topologyIssues } from '../../../lib/topology/validate-topology';
import { LICENSE_SECRET_KEY } from '../../../lib/mesh/mesh-distribution';
import { POSTGRES_TLS_WAIVER } from '../../../lib/mesh/control-plane-database';
import { generateTopology } from '../../helpers/generated-topology';
import { synthTopology } from '../../helpers/examples';
import { AppView } from '../../upstream/app-view';
import { ORDERING_RULES, placementOf } from '../../upstream/rules/ordering';
import { rehearseDeploy } from '../../invariants/deploy-rehearsal';
import { renderRelease, renderSkip } from '../../upstream/helm/render';
import { scanStacks } from '../../policy/secret-scanner';
import { evaluatePolicies } from '../../policy/run-policies';

const skipRender = renderSkip();
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBdatabase\n-----END CERTIFICATE-----\n';

function kongMeshFromInput(): any {
  const spec: any = generateTopology({ zones: 2, distribution: MeshDistributionName.KONG_MESH });
  delete spec.mesh.licenseSecretName;
  spec.mesh.createLicenseSecret = true;
  return spec;
}

function universalFromInput(extra: Record<string, unknown> = {}): any {
  const spec: any = generateTopology({ zones: 1, placement: GlobalPlacement.UNIVERSAL_POSTGRES, cloudOfZone: () => Cloud.GCP });
  spec.mesh.global.database = { host: 'kuma-db.example.internal', user: 'kuma', database: 'kuma', createPasswordSecret: true, caCertificatePem: PEM, ...extra };
  return spec;
}

const secretsNamed = (app: AppView, name: string) => app.resources('kubernetes_secret_v1').filter((ref) => ref.config.metadata?.[0]?.name === name || ref.config.metadata?.name === name);
const meshReleases = (app: AppView) => app.resources('helm_release').filter((ref) => ['kuma', 'kong-mesh'].includes(ref.config.chart));
const containerEnv = (rendered: ReturnType<typeof renderRelease>, container: string) => {
  const deployment = rendered.objects.find((item) => item.object.kind === 'Deployment' && item.template.endsWith('cp-deployment.yaml'))!.object;
  const spec = deployment.spec.template.spec;
  return { spec, env: [...spec.containers, ...(spec.initContainers ?? [])].find((candidate: any) => candidate.name === container)?.env ?? [] };
};

test('Kong Mesh license from a sensitive input: a Secret in every control plane namespace, before the release that reads it', () => {
  // GIVEN a kong-mesh topology that asks Terraform to create the license Secret
  const spec = kongMeshFromInput();
  assert.deepEqual(topologyIssues(spec), []);
  // WHEN
  const stacks = synthTopology(spec);
  const app = new AppView(stacks);
  // THEN the platform stack declares the sensitive variable the Secret is written from
  const platform = stacks[`${spec.environment}-platform`];
  assert.deepEqual(platform.variable?.kong_mesh_license, { type: 'string', sensitive: true, nullable: false, description: platform.variable.kong_mesh_license.description });
  // one Secret per control plane (global + 2 zones), each in its release's namespace, holding the key the chart reads
  const licenses = secretsNamed(app, 'kong-mesh-license');
  const releases = meshReleases(app);
  assert.equal(releases.length, 3);
  assert.equal(licenses.length, 3);
  for (const secret of licenses) assert.equal(secret.config.data[LICENSE_SECRET_KEY], '${var.kong_mesh_license}');
  for (const release of releases) {
    const where = (ref: typeof release) => JSON.stringify(placementOf(app, ref));
    const own = licenses.filter((secret) => where(secret) === where(release));
    assert.equal(own.length, 1, `${release.address} has one license Secret beside it`);
    assert.ok(app.dependsOn(release, own[0]), `${release.address} must wait for ${own[0].address}`);
  }
  // the ordering rule and the deploy rehearsal see the edge
  const rule = ORDERING_RULES.find((candidate) => candidate.id === 'ORDER_SECRET_BEFORE_CONTROL_PLANE')!;
  assert.deepEqual(rule.check(app), []);
  const rehearsal = rehearseDeploy(stacks);
  assert.deepEqual(rehearsal.violations, []);
  for (const release of releases) {
    assert.ok(rehearsal.prerequisites.some((p) => p.dependent.address === release.address && licenses.some((secret) => secret.address === p.prerequisite.address)), `rehearsal: ${release.address} after its license`);
  }
  // and no license text anywhere in cdk.tf.json
  assert.deepEqual(scanStacks(stacks), []);
});

test('the ordering rule fails the synthesized app when a license Secret loses its edge', () => {
  const stacks = synthTopology(kongMeshFromInput());
  const platform = Object.values(stacks).find((stack) => stack.resource?.helm_release)!;
  for (const release of Object.values<any>(platform.resource!.helm_release)) {
    if (['kuma', 'kong-mesh'].includes(release.chart)) release.depends_on = (release.depends_on ?? []).filter((dependency: string) => !dependency.includes('license'));
  }
  const rule = ORDERING_RULES.find((candidate) => candidate.id === 'ORDER_SECRET_BEFORE_CONTROL_PLANE')!;
  assert.equal(rule.check(new AppView(stacks)).length, 3);
  assert.ok(rehearseDeploy(stacks).violations.length > 0);
});

test('Kong Mesh license: the control plane the chart renders reads KMESH_LICENSE_INLINE from the Secret Terraform creates', { skip: skipRender }, () => {
  const stacks = synthTopology(kongMeshFromInput());
  const app = new AppView(stacks);
  for (const release of meshReleases(app)) {
    const { env } = containerEnv(renderRelease(release, app), 'control-plane');
    const license = env.find((entry: any) => entry.name === 'KMESH_LICENSE_INLINE');
    assert.deepEqual(license?.valueFrom?.secretKeyRef, { name: 'kong-mesh-license', key: LICENSE_SECRET_KEY }, release.address);
  }
});

test('a literal secret, or a secret input the topology does not ask for, is an issue at secrets.*', () => {
  const literal = () => synthTopology(kongMeshFromInput(), undefined, { kongMeshLicense: '{"license": "plain text"}' });
  assert.throws(literal, (error: unknown) => error instanceof TopologyValidationError && error.issues.some((issue) => issue.path === 'secrets.kongMeshLicense' && /sensitive Terraform value/.test(issue.message)));
  const unasked = () => synthTopology(generateTopology({ zones: 1 }), undefined, { postgresPassword: '${var.x}' });
  assert.throws(unasked, (error: unknown) => error instanceof TopologyValidationError && error.issues.some((issue) => issue.path === 'secrets.postgresPassword'));
});

test('the existing-Secret path stays: kong-mesh naming licenseSecretName creates no license Secret; without either, an issue', () => {
  const spec: any = generateTopology({ zones: 1, distribution: MeshDistributionName.KONG_MESH });
  const app = new AppView(synthTopology(spec));
  assert.equal(secretsNamed(app, 'kong-mesh-license').length, 0);
  delete spec.mesh.licenseSecretName;
  assert.ok(topologyIssues(spec).some((issue) => issue.path === 'mesh.licenseSecretName' && /createLicenseSecret/.test(issue.message)));
  spec.mesh.distribution = MeshDistributionName.KUMA;
  spec.mesh.createLicenseSecret = true;
  assert.ok(topologyIssues(spec).some((issue) => issue.path === 'mesh.createLicenseSecret'));
});

test('PostgreSQL password from a sensitive input: a Secret in the global namespace before the global; TLS verifyFull by default', () => {
  // GIVEN
  const spec = universalFromInput();
  assert.deepEqual(topologyIssues(spec), []);
  // WHEN
  const stacks = synthTopology(spec);
  const app = new AppView(stacks);
  // THEN
  assert.equal(stacks[`${spec.environment}-platform`].variable?.postgres_password?.sensitive, true);
  const global = meshReleases(app).find((release) => release.config.namespace.includes('global') || String(release.config.values).includes('mode: global'))!;
  const password = secretsNamed(app, 'kuma-postgres');
  assert.equal(password.length, 1);
  assert.equal(password[0].config.data.password, '${var.postgres_password}');
  assert.ok(app.dependsOn(global, password[0]));
  const ca = secretsNamed(app, 'kuma-postgres-ca');
  assert.equal(ca.length, 1);
  assert.ok(app.dependsOn(global, ca[0]));
  assert.match(String(global.config.values), /mode: verifyFull/);
  assert.equal(global.config['//']?.waivers?.[POSTGRES_TLS_WAIVER], undefined);
  assert.deepEqual(rehearseDeploy(stacks).violations, []);
  assert.deepEqual(evaluatePolicies(stacks).filter((result) => result.ruleId === 'POSTGRES_TLS_VERIFIED').map((result) => result.status), ['passed']);
});

test('PostgreSQL: the chart renders the password env from the created Secret and verifies the server against the mounted CA', { skip: skipRender }, () => {
  const stacks = synthTopology(universalFromInput());
  const app = new AppView(stacks);
  const global = meshReleases(app).find((release) => String(release.config.values).includes('environment: universal'))!;
  const rendered = renderRelease(global, app);
  for (const container of ['control-plane', 'migration']) {
    const { env } = containerEnv(rendered, container);
    const byName = (name: string) => env.find((entry: any) => entry.name === name);
    assert.deepEqual(byName('KUMA_STORE_POSTGRES_PASSWORD')?.valueFrom?.secretKeyRef, { name: 'kuma-postgres', key: 'password' }, container);
    assert.equal(byName('KUMA_STORE_POSTGRES_TLS_MODE')?.value, 'verifyFull', container);
    assert.equal(byName('KUMA_STORE_POSTGRES_TLS_CA_PATH')?.value, '/var/run/secrets/kuma.io/postgres-tls-cert/ca.crt', container);
  }
  // the CA file comes from the Secret Terraform creates, key ca.crt
  const { spec } = containerEnv(rendered, 'control-plane');
  const volume = spec.volumes.find((candidate: any) => candidate.name === 'postgres-tls-cert-ca');
  assert.equal(volume?.secret?.secretName, 'kuma-postgres-ca');
  const mount = spec.containers.find((c: any) => c.name === 'control-plane').volumeMounts.find((m: any) => m.name === 'postgres-tls-cert-ca');
  assert.equal(mount?.subPath, 'ca.crt');
  assert.ok(secretsNamed(app, 'kuma-postgres-ca')[0].config.data['ca.crt']);
});

test('PostgreSQL TLS: no CA is an issue naming the waiver; insecureSkipServerVerification is the opt-in, recorded on the release', () => {
  // GIVEN no CA
  const unverified = universalFromInput({ caCertificatePem: undefined });
  const issue = topologyIssues(unverified).find((candidate) => candidate.path === 'mesh.global.database.caCertificatePem');
  assert.match(issue?.message ?? '', /insecureSkipServerVerification/);
  // WHEN the waiver is named
  const waived = universalFromInput({ caCertificatePem: undefined, insecureSkipServerVerification: true });
  assert.deepEqual(topologyIssues(waived), []);
  const app = new AppView(synthTopology(waived));
  const global = meshReleases(app).find((release) => String(release.config.values).includes('environment: universal'))!;
  // THEN the mode is verifyNone, the waiver is on the release, and the policy reports it waived, not passed
  assert.match(String(global.config.values), /mode: verifyNone/);
  assert.equal(global.config['//']?.waivers?.[POSTGRES_TLS_WAIVER], 'insecureSkipServerVerification');
  assert.deepEqual(evaluatePolicies(app.stacks).filter((result) => result.ruleId === 'POSTGRES_TLS_VERIFIED').map((result) => result.status), ['waived']);
  // and the waiver cannot be combined with a CA
  assert.ok(topologyIssues(universalFromInput({ insecureSkipServerVerification: true })).some((candidate) => candidate.path === 'mesh.global.database.insecureSkipServerVerification'));
});

test('verifyHostname: false gives verifyCa (the CA chain only)', () => {
  const app = new AppView(synthTopology(universalFromInput({ verifyHostname: false })));
  const global = meshReleases(app).find((release) => String(release.config.values).includes('environment: universal'))!;
  assert.match(String(global.config.values), /mode: verifyCa/);
});


test('a token from a stack of the user crosses to the platform stack as a sensitive output, not as text', () => {
  // GIVEN the license read by the user's own stack (a sensitive variable; a secret-manager data source is alike)
  const outdir = mkdtempSync(join(tmpdir(), 'ccm-secrets-'));
  try {
    const app = new App({ outdir });
    const secretsStack = new TerraformStack(app, 'acme-secrets');
    const license = new TerraformVariable(secretsStack, 'license', { type: 'string', sensitive: true }).stringValue;
    const spec = kongMeshFromInput();
    new CrossCloudMesh(app, spec.environment, { topology: spec, secrets: { kongMeshLicense: license } });
    // WHEN
    app.synth();
    const stacks = readStacks(outdir);
    // THEN the platform stack declares no variable of its own, and its license Secrets read the remote output
    const platform = stacks[`${spec.environment}-platform`];
    assert.equal(platform.variable?.kong_mesh_license, undefined);
    const outputs = Object.values<any>(stacks['acme-secrets'].output ?? {});
    assert.ok(outputs.length > 0 && outputs.every((output) => output.sensitive === true), JSON.stringify(outputs));
    const licenses = secretsNamed(new AppView(stacks), 'kong-mesh-license');
    assert.equal(licenses.length, 3);
    for (const secret of licenses) assert.match(secret.config.data[LICENSE_SECRET_KEY], /^\$\{data\.terraform_remote_state\./);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
