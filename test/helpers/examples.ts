/**
 * The examples, synthesized once per test process and shared: the reference scenario,
 * the ephemeral environment and the existing-clusters platform repo.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { Cloud } from '../../lib/core/cloud';
import { CrossCloudMesh } from '../../lib/topology/cross-cloud-mesh';
import { CrossCloudMeshSecrets } from '../../lib/topology/cross-cloud-mesh';
import { buildTopologyApp } from '../../lib/topology/synth-topology-file';
import { TopologySpec } from '../../lib/topology/topology-spec';
import { ephemeralTopology } from '../../examples/ephemeral/topology';
import { readStacks, StackJson } from './synth';

const root = join(__dirname, '..', '..');
/** Placeholder values only: the examples must synthesize without any real account. */
// The environment without the variables the examples read, so that their defaults apply.
const exampleEnv = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !['AZURE_SUBSCRIPTION_ID', 'GOOGLE_PROJECT', 'ADMIN_CIDR', 'ACME_EMAIL'].includes(entry[0])),
);

function inTemporaryOutdir(build: (outdir: string) => App): Record<string, StackJson> {
  const outdir = mkdtempSync(join(tmpdir(), 'ccm-example-'));
  try {
    build(outdir).synth();
    return readStacks(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const cache = new Map<string, Record<string, StackJson>>();
function cached(key: string, synth: () => Record<string, StackJson>): Record<string, StackJson> {
  let stacks = cache.get(key);
  if (!stacks) {
    stacks = synth();
    cache.set(key, stacks);
  }
  return stacks;
}

/** examples/acme-corp: every stack by name (`acme-infra`, `acme-platform`, `acme-mesh`). */
export function synthReferenceExample(): Record<string, StackJson> {
  return cached('reference', () =>
    inTemporaryOutdir((outdir) => buildTopologyApp(join(root, 'examples', 'acme-corp', 'topology.yaml'), { outdir, env: exampleEnv }).app),
  );
}

/** examples/existing-clusters. */
export function synthExistingClustersExample(): Record<string, StackJson> {
  return cached('existing', () =>
    inTemporaryOutdir(
      (outdir) => buildTopologyApp(join(root, 'examples', 'existing-clusters', 'topology.yaml'), { outdir, env: exampleEnv }).app,
    ),
  );
}

/** The ephemeral example's topology, with a fixed name and expiry so output is stable. */
export function ephemeralExampleTopology(): TopologySpec {
  return ephemeralTopology({
    environment: 'pr-42',
    owner: 'ci',
    ttl: '3d',
    azureSubscriptionId: '00000000-0000-0000-0000-000000000000',
    googleProject: 'acme-example-project',
    dnsZone: 'preview.acme.example',
    dnsCloud: Cloud.GCP,
  });
}

/** examples/ephemeral. */
export function synthEphemeralExample(): Record<string, StackJson> {
  return cached('ephemeral', () => synthTopology(ephemeralExampleTopology()));
}

/** Any topology, synthesized into its staged stacks. */
export function synthTopology(topology: TopologySpec, externalGlobalCaCertificatePem?: string, secrets?: CrossCloudMeshSecrets): Record<string, StackJson> {
  return inTemporaryOutdir((outdir) => {
    const app = new App({ outdir });
    new CrossCloudMesh(app, topology.environment, { topology, externalGlobalCaCertificatePem, secrets });
    return app;
  });
}
