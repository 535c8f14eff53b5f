/**
 * What every stage stack gets before anything is built in it: its state backend (the
 * topology's `state:`) and how its cloud providers are made (the accounts' provider
 * settings and the user's provider factory).
 */
import { TerraformStack } from 'cdktf';
import { Cloud } from '../core/cloud';
import { CloudProviderFactory } from '../core/cloud-provider-factory';
import { cloudSupport } from '../core/cloud-registry';
import type { CloudSupport } from '../core/cloud-support';
import { configureCloudProviders } from '../private/cloud-providers';
import { configureStateBackend } from '../state/state-backend';
import { STAGES, StageName } from '../state/stage-state';
import { TopologySpec } from './topology-spec';

export function configureStageStacks(spec: TopologySpec, stacks: Record<StageName, TerraformStack>, providerFactory?: CloudProviderFactory): void {
  const { azure, gcp } = spec.accounts;
  for (const stage of STAGES) {
    configureStateBackend(stacks[stage], spec.environment, stage, spec.state);
    configureCloudProviders(stacks[stage], {
      azure: azure && { subscriptionId: azure.subscriptionId, settings: azure.provider },
      gcp: gcp && { project: gcp.project, settings: gcp.provider },
      factory: providerFactory,
    });
    for (const support of declaredClouds(spec)) support.configureStack(stacks[stage], spec);
  }
}

/** The clouds whose account the topology declares. */
function declaredClouds(spec: TopologySpec): CloudSupport[] {
  return Object.values(Cloud).map(cloudSupport).filter((support) => support.hasAccount(spec));
}
