import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { Cloud } from '../../../lib/core/cloud';
import { expandEnvironment } from '../../../lib/topology/load-topology';
import { CertificateIssuer, GlobalPlacement, HopResilienceSpec, MeshDistributionName, StateBackendName, TopologySpec } from '../../../lib/topology/topology-spec';
import { TopologyIssue, TopologySchemaNode, topologySchema, topologyShapeIssues } from '../../../lib/topology/validate-topology';

const ROOT = join(__dirname, '..', '..', '..');

/** Every optional field becomes required, all the way down: the compiler then demands a complete example. */
type DeepRequired<T> = T extends (infer U)[] ? DeepRequired<U>[] : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T;

/** Every field of a hop's resilience, set. */
const fullHop: DeepRequired<HopResilienceSpec> = {
  enabled: true,
  connectTimeout: '5s',
  idleTimeout: '1h',
  requestTimeout: '15s',
  retries: { enabled: true, maxRetries: 2, perTryTimeout: '5s', retryOn: ['ConnectFailure', '503', 'HttpMethodGet'], backOffBaseInterval: '25ms', backOffMaxInterval: '250ms' },
  circuitBreaker: { enabled: true, maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxConcurrentRetries: 3, consecutiveFailures: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
  healthCheck: { enabled: true, interval: '10s', timeout: '3s', unhealthyThreshold: 3, healthyThreshold: 1, path: '/healthz' },
};

/** Every field of every interface of TopologySpec, set (valid for the schema, not for the cross-field rules). */
const full: DeepRequired<TopologySpec> = {
  environment: 'acme',
  ephemeral: true,
  owner: 'platform-team',
  expiresAt: '2030-01-31',
  ttl: '3d',
  accounts: {
    azure: {
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      location: 'westeurope',
      provider: {
        tenantId: '11111111-1111-1111-1111-111111111111',
        clientId: '22222222-2222-2222-2222-222222222222',
        environment: 'public',
        useOidc: true,
        oidcTokenFilePath: '/var/run/secrets/azure/tokens/azure-identity-token',
        useMsi: false,
        useCli: false,
        useAksWorkloadIdentity: false,
        alias: 'mesh',
      },
    },
    gcp: {
      project: 'acme-example-project',
      region: 'europe-west1',
      provider: {
        impersonateServiceAccount: 'deployer@acme-example-project.iam.gserviceaccount.com',
        impersonateServiceAccountDelegates: ['delegate@acme-example-project.iam.gserviceaccount.com'],
        billingProject: 'acme-billing',
        userProjectOverride: true,
        alias: 'mesh',
      },
    },
    aws: {
      region: 'eu-west-1',
      profile: 'acme-prod',
      assumeRoleArn: 'arn:aws:iam::111122223333:role/deployer',
      assumeRoleSessionName: 'cdktf-mesh',
      allowedAccountIds: ['111122223333'],
    },
  },
  clusters: [
    {
      name: 'aks',
      cloud: Cloud.AZURE,
      region: 'westeurope',
      existing: false,
      resourceGroupName: 'aks-rg',
      identityPrincipalId: '11111111-2222-3333-4444-555555555555',
      publicSubnetIds: ['subnet-0a1b2c3d4e5f60708', 'subnet-0b1c2d3e4f5a60718'],
      vpcId: 'vpc-0a1b2c3d4e5f60708',
      installPodIdentityAgent: true,
      installLoadBalancerController: false,
      network: {
        vnetCidr: '10.10.0.0/16',
        nodeSubnetCidr: '10.10.0.0/20',
        subnetCidr: '10.20.0.0/20',
        podsCidr: '10.24.0.0/14',
        servicesCidr: '10.28.0.0/20',
        vpcCidr: '10.30.0.0/16',
        masterCidr: '172.16.0.0/28',
      },
      nodes: { size: 'Standard_D4ds_v5', min: 1, max: 3 },
      apiServerAuthorizedRanges: ['203.0.113.0/24'],
      allowPublicApiServer: false,
    },
  ],
  mesh: {
    distribution: MeshDistributionName.KONG_MESH,
    licenseSecretName: 'kong-mesh-license',
    createLicenseSecret: false,
    version: '2.11.3',
    name: 'default',
    minTlsVersion: 'TLS13',
    global: {
      placement: GlobalPlacement.UNIVERSAL_POSTGRES,
      cluster: 'aks',
      database: {
        host: 'db.internal',
        port: 5432,
        user: 'kuma',
        database: 'kuma',
        passwordSecretName: 'kuma-db',
        createPasswordSecret: false,
        caCertificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        verifyHostname: true,
        insecureSkipServerVerification: false,
      },
      external: {
        kdsAddress: 'grpcs://global.acme.example:5685',
        caCertificateFile: 'kds-ca.pem',
        apiUrl: 'https://global.acme.example:5682',
        adminTokenSecretName: 'kuma-admin-token',
      },
      kdsHostname: 'kds.acme.example',
    },
    resilience: { enabled: true, crossZone: structuredClone(fullHop), api: structuredClone(fullHop) },
    observability: {
      enabled: true,
      collector: { address: 'otel-collector.observability.svc.cluster.local', port: 4318, protocol: 'http', path: '/otlp' },
      metrics: { enabled: true, backend: 'prometheus', port: 5670, path: '/metrics' },
      accessLogs: { enabled: true, backend: 'openTelemetry' },
      traces: { enabled: true, samplingPercent: 10 },
      kong: { enabled: true },
    },
  },
  zones: [{ name: 'azure', cluster: 'aks' }],
  dns: { zone: 'acme.example', cloud: Cloud.GCP, existing: true, resourceGroupName: 'dns-rg', managedZoneName: 'acme-example', ttl: 300 },
  certificates: { issuer: CertificateIssuer.ACME, acmeServer: 'letsencrypt-staging', email: 'platform@acme.example' },
  gateways: [
    { name: 'gateway', zone: 'azure', namespace: 'kong', domain: 'azure.acme.example', includeApex: true, replicas: 2, sourceRanges: ['0.0.0.0/0'] },
  ],
  apis: [{ name: 'catalog', namespace: 'catalog', zones: ['azure'], port: 8080, image: 'ghcr.io/acme/catalog:1.0.0', resilience: structuredClone(fullHop) }],
  routes: [
    {
      gateway: 'gateway',
      host: 'catalog.azure.acme.example',
      path: '/v1',
      api: 'catalog',
      via: { gateway: 'gateway-gcp', host: 'catalog.acme.example' },
      plugins: {
        rateLimit: { minute: 60, hour: 1000 },
        cors: { origins: ['https://app.acme.example'], methods: ['GET', 'POST'], credentials: true },
      },
      resilience: structuredClone(fullHop),
    },
  ],
  connectivityChecks: true,
  state: {
    backend: StateBackendName.AZURERM,
    prefix: 'platform/mesh',
    azurerm: {
      storageAccountName: 'acmestate',
      containerName: 'tfstate',
      resourceGroupName: 'state-rg',
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      tenantId: '11111111-1111-1111-1111-111111111111',
      clientId: '22222222-2222-2222-2222-222222222222',
      useOidc: true,
      useAzureadAuth: true,
    },
    gcs: {
      bucket: 'acme-tfstate',
      impersonateServiceAccount: 'state@acme-example-project.iam.gserviceaccount.com',
      kmsEncryptionKey: 'projects/acme-example-project/locations/europe/keyRings/state/cryptoKeys/tfstate',
    },
    s3: { bucket: 'acme-tfstate', region: 'eu-west-1', dynamodbTable: 'tf-locks', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    remote: { organization: 'acme', hostname: 'app.terraform.io', legacyRemoteBackend: false, project: 'platform' },
    local: { directory: '.terraform-state' },
  },
};

/** Paths of every field of a value: `clusters[].network.vnetCidr`. */
function valuePaths(value: unknown, path: string, out: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((item) => valuePaths(item, `${path}[]`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const child = path ? `${path}.${key}` : key;
      out.add(child);
      valuePaths(item, child, out);
    }
  }
  return out;
}

function resolve(node: TopologySchemaNode): TopologySchemaNode {
  return node.$ref ? resolve(topologySchema.definitions![node.$ref.replace('#/definitions/', '')]) : node;
}

/** Paths of every property the schema declares, with the same notation. */
function schemaPaths(node: TopologySchemaNode, path: string, out: Set<string>): Set<string> {
  const resolved = resolve(node);
  if (resolved.items) schemaPaths(resolved.items, `${path}[]`, out);
  for (const [key, property] of Object.entries(resolved.properties ?? {})) {
    const child = path ? `${path}.${key}` : key;
    out.add(child);
    schemaPaths(property, child, out);
  }
  return out;
}

/** Every object node of the schema, with its path. */
function objectNodes(node: TopologySchemaNode, path: string, out: Array<[string, TopologySchemaNode]>): Array<[string, TopologySchemaNode]> {
  const resolved = resolve(node);
  if (resolved.type === 'object') out.push([path || '(root)', resolved]);
  if (resolved.items) objectNodes(resolved.items, `${path}[]`, out);
  for (const [key, property] of Object.entries(resolved.properties ?? {})) objectNodes(property, path ? `${path}.${key}` : key, out);
  return out;
}

test('every field of the TypeScript types is in the schema', () => {
  // GIVEN
  const inSchema = schemaPaths(topologySchema, '', new Set());
  // WHEN
  const missing = [...valuePaths(full, '', new Set())].filter((path) => !inSchema.has(path));
  // THEN
  assert.deepEqual(missing, []);
});

test('every property of the schema is a field of the TypeScript types', () => {
  // GIVEN
  const inTypes = valuePaths(full, '', new Set());
  // WHEN
  const extra = [...schemaPaths(topologySchema, '', new Set())].filter((path) => !inTypes.has(path));
  // THEN
  assert.deepEqual(extra, []);
});

test('every object of the schema is closed and every property is described', () => {
  // WHEN
  const nodes = objectNodes(topologySchema, '', []);
  // THEN
  for (const [path, node] of nodes) {
    assert.equal(node.additionalProperties, false, `${path} must set additionalProperties: false`);
    for (const [key, property] of Object.entries(node.properties ?? {})) {
      assert.ok(property.description, `${path}.${key} needs a description`);
    }
  }
});

test('the schema is valid draft-07 (ajv strict) and accepts the fully populated example', () => {
  // GIVEN
  const ajv = new Ajv({ allErrors: true, strict: true });
  // WHEN
  const validate = ajv.compile(topologySchema);
  // THEN
  assert.equal(validate(full), true, ajv.errorsText(validate.errors));
  assert.deepEqual(topologyShapeIssues(full), []);
});

test('the reference example validates against the schema with ajv', () => {
  // GIVEN
  const document = parse(readFileSync(join(ROOT, 'examples', 'acme-corp', 'topology.yaml'), 'utf8'));
  const issues: TopologyIssue[] = [];
  const expanded = expandEnvironment(document, '', {}, issues);
  const validate = new Ajv({ allErrors: true, strict: true }).compile(topologySchema);
  // WHEN
  const valid = validate(expanded);
  // THEN
  assert.deepEqual(issues, []);
  assert.equal(valid, true, JSON.stringify(validate.errors));
});

test('ajv and the built-in checker agree on shape errors', () => {
  // GIVEN documents that break the shape in different ways
  const validate = new Ajv({ allErrors: true, strict: true }).compile(topologySchema);
  const broken: Array<(t: any) => void> = [
    (t) => (t.environment = 'Bad_Name'),
    (t) => (t.clusters[0].network.vnetCidr = '10.10.0.0/33'),
    (t) => (t.mesh.minTlsVersion = 'TLS10'),
    (t) => (t.zones = []),
    (t) => (t.dns.ttl = 0),
    (t) => (t.gateways[0].replicas = 1.5),
    (t) => (t.routes[0].plugins.cors.methods = ['FETCH']),
    (t) => (t.certificates.acmeServer = 'http://acme.example'),
    (t) => (t.apis[0].extra = true),
    (t) => delete t.accounts.gcp.region,
    (t) => (t.mesh.global.external.kdsAddress = 'global:5685'),
    (t) => (t.expiresAt = '2030-1-31'),
    (t) => (t.state.backend = 'consul'),
    (t) => (t.state.prefix = '/leading/slash'),
    (t) => (t.accounts.azure.provider.environment = 'germany'),
    (t) => (t.accounts.gcp.provider.impersonateServiceAccount = 'deployer@example.com'),
    (t) => delete t.state.s3.region,
    (t) => (t.mesh.resilience.api.connectTimeout = '5 seconds'),
    (t) => (t.routes[0].resilience.retries.retryOn = ['Sometimes']),
    (t) => (t.mesh.observability.accessLogs.backend = 'syslog'),
  ];
  for (const [index, edit] of broken.entries()) {
    const document = structuredClone(full) as any;
    edit(document);
    // WHEN
    const ajvValid = validate(document);
    const ours = topologyShapeIssues(document);
    // THEN
    assert.equal(ajvValid, false, `ajv should reject case ${index}`);
    assert.equal(ours.length, 1, `built-in checker should reject case ${index} once: ${JSON.stringify(ours)}`);
    assert.equal(`/${ours[0].path.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`, ajvPath(validate.errors![0]), `case ${index}`);
  }
});

/** ajv reports a missing or extra property on its parent; ours names the property itself. */
function ajvPath(error: { instancePath: string; params: Record<string, unknown> }): string {
  const property = error.params.missingProperty ?? error.params.additionalProperty;
  return property === undefined ? error.instancePath : `${error.instancePath}/${property}`;
}

