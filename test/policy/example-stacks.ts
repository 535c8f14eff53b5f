/**
 * The stacks the policy suite and the report judge: the reference and ephemeral examples
 * when `test/helpers/examples.ts` exports `synthReferenceExample()` / `synthEphemeralExample()`,
 * otherwise stand-ins built from the library's constructs with the example's settings, so the
 * suite always runs on what the library synthesizes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformStack } from 'cdktf';
import { AksCluster } from '../../lib/clusters/aks-cluster';
import { GkeCluster } from '../../lib/clusters/gke-cluster';
import { MeshedApi } from '../../lib/workloads/meshed-api';
import { fakeConnection } from '../helpers/fakes';
import { StackJson, synthApp } from '../helpers/synth';
import { Cloud } from '../../lib/core/cloud';

export interface ExampleStacks {
  /** What was synthesized: the example itself or the construct stand-in. */
  readonly source: string;
  readonly stacks: Record<string, StackJson>;
}

type ExampleSynth = () => Record<string, StackJson>;

const OPERATOR_RANGES = ['203.0.113.0/24'];
const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

export function referenceExampleStacks(): ExampleStacks {
  const fromExample = exampleFunction('synthReferenceExample');
  if (fromExample) return { source: 'examples (synthReferenceExample)', stacks: fromExample() };
  return { source: 'AksCluster + GkeCluster + MeshedApi with the reference settings', stacks: synthClusters(false) };
}

export function ephemeralExampleStacks(): ExampleStacks {
  const fromExample = exampleFunction('synthEphemeralExample');
  if (fromExample) return { source: 'examples (synthEphemeralExample)', stacks: fromExample() };
  return { source: 'AksCluster + GkeCluster + MeshedApi with ephemeral: true', stacks: synthClusters(true) };
}

function exampleFunction(name: string): ExampleSynth | undefined {
  const helper = join(__dirname, '..', 'helpers', 'examples.ts');
  if (!existsSync(helper)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const loaded = require(helper) as Record<string, unknown>;
  return typeof loaded[name] === 'function' ? (loaded[name] as ExampleSynth) : undefined;
}

function synthClusters(ephemeral: boolean): Record<string, StackJson> {
  // The reference example names its owner; ephemeral mode also needs an expiry.
  const ownership = ephemeral ? { ephemeral: true, owner: 'platform-team', expiresAt: '2030-01-31' } : { owner: 'platform-team' };
  return synthApp((app) => {
    const infra = new TerraformStack(app, 'infra');
    new AksCluster(infra, 'azure', {
      name: 'acme-azure',
      location: 'westeurope',
      subscriptionId: SUBSCRIPTION,
      ...(ephemeral ? { allowPublicApiServer: true } : { apiServerAuthorizedIpRanges: OPERATOR_RANGES }),
      ...ownership,
    });
    new GkeCluster(infra, 'gcp', {
      name: 'acme-gcp',
      project: 'acme-project',
      region: 'europe-west1',
      ...(ephemeral ? { allowPublicApiServer: true } : { masterAuthorizedNetworks: OPERATOR_RANGES }),
      ...ownership,
    });
    const platform = new TerraformStack(app, 'platform');
    new MeshedApi(platform, 'catalog', { connection: fakeConnection('gcp', Cloud.GCP), name: 'catalog', namespace: 'catalog', zoneName: 'gcp', ephemeral });
  });
}
