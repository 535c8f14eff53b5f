/**
 * Cloud add-ons of the platform stage (lib/core/cloud-support.ts#CloudSupport.platformAddons),
 * e.g. a load balancer controller: the releases that bind a reserved address (the global's
 * KDS, zone ingresses, gateways) wait for their cluster's add-ons, and on destroy go first.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { cloudSupport } from '../core/cloud-registry';
import { waitFor } from '../private/ordering';
import type { InfraStage } from './_infra-stage';
import type { PlatformStage } from './_platform-stage';
import type { TopologyPlan } from './topology-plan';
import type { TopologySpec } from './topology-spec';

export function orderAfterCloudAddons(platform: TerraformStack, spec: TopologySpec, plan: TopologyPlan, infra: InfraStage, built: PlatformStage): void {
  const addons = new Map<string, Construct[]>();
  for (const cluster of infra.clusters.values()) {
    const created = cloudSupport(cluster.cloud).platformAddons(platform, spec, cluster);
    if (created.length > 0) addons.set(cluster.spec.name, created);
  }
  if (addons.size === 0) return;
  const after = (dependent: Construct, clusterName: string | undefined) => {
    const prerequisites = clusterName === undefined ? undefined : addons.get(clusterName);
    if (prerequisites) waitFor(dependent, ...prerequisites);
  };
  after(built.global, spec.mesh.global.cluster);
  for (const zone of spec.zones) after(built.zones.get(zone.name)!, zone.cluster);
  for (const gateway of plan.gateways) after(built.gateways.get(gateway.name)!, gateway.cluster);
}
