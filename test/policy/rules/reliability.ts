/**
 * Reliability rules (issue 6 section 3, ids of our own): stateful resources are protected
 * from deletion unless ephemeral (and then destroyable with no manual step), Helm releases
 * roll back on failure, and drift that autoscaling and auto-upgrade create is ignored.
 * "Ephemeral" is read from the `ephemeral = "true"` tag / label that ephemeral mode puts on
 * every cloud resource (lib/private/ownership.ts).
 */
import { get, ignoresChange, isEphemeral, isFalse, isSet, isTrue } from '../attributes';
import { CheckOutcome, PASSED, PolicyRule, RuleFamily, failed } from '../types';

/** Stateful types; the value is the attribute holding the provider's own delete protection, if any. */
const STATEFUL: Record<string, string | undefined> = {
  azurerm_kubernetes_cluster: undefined,
  google_container_cluster: 'deletion_protection',
  azurerm_dns_zone: undefined,
  google_dns_managed_zone: undefined,
  azurerm_postgresql_flexible_server: undefined,
  google_sql_database_instance: 'deletion_protection',
};

export const RELIABILITY_RULES: readonly PolicyRule[] = [
  {
    id: 'DELETE_PROTECTION',
    title: 'Stateful resources are delete-protected (destroyable when ephemeral)',
    family: RuleFamily.RELIABILITY,
    resourceTypes: Object.keys(STATEFUL),
    check: (c, ctx) => deleteProtection(c, STATEFUL[ctx.resourceType]),
  },
  {
    id: 'HELM_ATOMIC',
    title: 'Helm releases are atomic, clean up on failure and have a timeout',
    family: RuleFamily.RELIABILITY,
    resourceTypes: ['helm_release'],
    check: (c) => {
      const missing = [
        isTrue(c?.atomic) ? undefined : 'atomic = true',
        isTrue(c?.cleanup_on_fail) ? undefined : 'cleanup_on_fail = true',
        typeof c?.timeout === 'number' && c.timeout > 0 ? undefined : 'a timeout (seconds)',
      ].filter((item): item is string => item !== undefined);
      return missing.length === 0 ? PASSED : failed(`missing ${missing.join(', ')}`);
    },
  },
  {
    id: 'DRIFT_IGNORED',
    title: 'Autoscaled node counts and auto-upgraded versions are ignored in plans',
    family: RuleFamily.RELIABILITY,
    resourceTypes: ['azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool', 'google_container_cluster', 'google_container_node_pool'],
    check: (c, ctx) => {
      const needed: string[] = [];
      switch (ctx.resourceType) {
        case 'azurerm_kubernetes_cluster': {
          const pool = get(c, 'default_node_pool');
          if (isTrue(get(pool, 'auto_scaling_enabled')) || isTrue(get(pool, 'enable_auto_scaling'))) needed.push('default_node_pool[0].node_count');
          if (isSet(get(c, 'automatic_upgrade_channel')) && get(c, 'automatic_upgrade_channel') !== 'none') {
            if (isSet(get(c, 'kubernetes_version'))) needed.push('kubernetes_version');
            if (isSet(get(pool, 'orchestrator_version'))) needed.push('default_node_pool[0].orchestrator_version');
          }
          break;
        }
        case 'azurerm_kubernetes_cluster_node_pool':
          if (isTrue(get(c, 'auto_scaling_enabled')) || isTrue(get(c, 'enable_auto_scaling'))) needed.push('node_count');
          break;
        case 'google_container_cluster':
          if (isSet(get(c, 'release_channel.channel'))) {
            if (isSet(get(c, 'min_master_version'))) needed.push('min_master_version');
            if (isSet(get(c, 'node_version'))) needed.push('node_version');
          }
          break;
        case 'google_container_node_pool':
          if (get(c, 'autoscaling') !== undefined && isSet(get(c, 'node_count'))) needed.push('node_count');
          if (isTrue(get(c, 'management.auto_upgrade')) && isSet(get(c, 'version'))) needed.push('version');
          break;
      }
      const missing = needed.filter((attribute) => !ignoresChange(c, attribute));
      return missing.length === 0 ? PASSED : failed(`lifecycle.ignore_changes lacks ${missing.join(', ')}`);
    },
  },
];

function deleteProtection(config: any, providerAttribute: string | undefined): CheckOutcome {
  const preventDestroy = isTrue(config?.lifecycle?.prevent_destroy);
  // Google's deletion_protection defaults to true: absent means protected.
  const providerProtected = providerAttribute !== undefined && !isFalse(config?.[providerAttribute]);
  if (isEphemeral(config)) {
    if (preventDestroy) return failed('ephemeral but lifecycle.prevent_destroy is true: cdktf destroy would stop');
    if (providerProtected) return failed(`ephemeral but ${providerAttribute} is not false: destroy needs a manual step`);
    return PASSED;
  }
  return preventDestroy || providerProtected
    ? PASSED
    : failed(`not ephemeral and neither lifecycle.prevent_destroy${providerAttribute ? ` nor ${providerAttribute}` : ''} protects it`);
}
