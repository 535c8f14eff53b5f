/**
 * Rules the constructs enforce on values a topology passes through unchanged, checked here
 * with the construct's own predicate or limit, so that `validate` names the YAML field
 * instead of synth naming a construct path.
 */
import { apiServerAccessDeclared } from '../private/cluster-names';
import { minimumGatewayReplicas } from '../gateway/kong-gateway';
import { RATE_LIMIT_MAX, corsOriginsAllowCredentials } from '../gateway/kong-plugin';
import { TopologySpec } from './topology-spec';
import type { AddIssue } from './validate-topology';

export function checkConstructRules(spec: TopologySpec, add: AddIssue): void {
  spec.clusters.forEach((cluster, i) => {
    if (cluster.existing) return;
    if (!apiServerAccessDeclared(cluster.apiServerAuthorizedRanges, cluster.allowPublicApiServer)) {
      add(`clusters[${i}].apiServerAuthorizedRanges`, cluster.apiServerAuthorizedRanges, 'must list the CIDRs allowed to reach the Kubernetes API server (e.g. ["203.0.113.0/24"]), or accept an API server open to the internet with allowPublicApiServer: true (a waiver of CKV_AZURE_6 / CKV_GCP_13)');
    }
  });
  spec.gateways.forEach((gateway, i) => {
    const minimum = minimumGatewayReplicas(spec.ephemeral);
    if (gateway.replicas !== undefined && gateway.replicas < minimum) {
      add(`gateways[${i}].replicas`, gateway.replicas, `must be at least ${minimum} outside ephemeral environments, so the PodDisruptionBudget lets a node drain without downtime`);
    }
  });
  (spec.routes ?? []).forEach((route, i) => {
    const rateLimit = route.plugins?.rateLimit;
    if (rateLimit !== undefined) {
      if (rateLimit.minute === undefined && rateLimit.hour === undefined) add(`routes[${i}].plugins.rateLimit`, rateLimit, 'needs at least one of minute and hour, e.g. { minute: 600 }');
      for (const window of ['minute', 'hour'] as const) {
        if ((rateLimit[window] ?? 0) > RATE_LIMIT_MAX) add(`routes[${i}].plugins.rateLimit.${window}`, rateLimit[window], `must be at most ${RATE_LIMIT_MAX}`);
      }
    }
    const cors = route.plugins?.cors;
    if (cors !== undefined && !corsOriginsAllowCredentials(cors.origins, cors.credentials)) {
      add(`routes[${i}].plugins.cors.origins`, cors.origins, 'must name origins explicitly when credentials is true (browsers reject "*" with credentials), e.g. ["https://app.acme.example"]');
    }
  });
}
