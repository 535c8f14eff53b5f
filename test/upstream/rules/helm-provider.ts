/**
 * How the hashicorp/helm provider v3.1.1 reads `helm_release`. Version 3 moved the resource
 * to the plugin framework: `set` and friends are list attributes of objects (no blocks), the
 * booleans and the timeout are typed, and the release name is validated for length.
 */
import type { UpstreamRule, Violation } from '../types';

const SCHEMA = 'hashicorp/terraform-provider-helm@v3.1.1:helm/resource_helm_release.go#Schema';

/** Every argument of helm_release in v3.1.1, by the type the framework checks it against. */
const BOOLEAN = [
  'atomic', 'cleanup_on_fail', 'create_namespace', 'dependency_update', 'devel', 'disable_crd_hooks',
  'disable_openapi_validation', 'disable_webhooks', 'force_update', 'lint', 'pass_credentials', 'recreate_pods',
  'render_subchart_notes', 'replace', 'reset_values', 'reuse_values', 'skip_crds', 'take_ownership', 'upgrade_install',
  'verify', 'wait', 'wait_for_jobs',
];
const STRING = [
  'chart', 'description', 'keyring', 'name', 'namespace', 'repository', 'repository_ca_file', 'repository_cert_file',
  'repository_key_file', 'repository_password', 'repository_username', 'version',
];
const INTEGER = ['max_history', 'timeout', 'set_wo_revision'];
const NAMED_VALUE_LISTS = ['set', 'set_wo', 'set_sensitive', 'set_list'];
const OTHER = ['values', 'postrender', 'timeouts'];
/** Terraform meta-arguments and the cdktf metadata block. */
const META = ['//', 'provider', 'depends_on', 'count', 'for_each', 'lifecycle'];
const KNOWN = new Set([...BOOLEAN, ...STRING, ...INTEGER, ...NAMED_VALUE_LISTS, ...OTHER, ...META]);

const isExpression = (value: unknown) => typeof value === 'string' && value.includes('${');

export const HELM_PROVIDER_RULES: readonly UpstreamRule[] = [
  {
    id: 'HELM_PROVIDER_SCHEMA',
    title: 'helm_release uses only v3.1.1 arguments, with the types the framework checks',
    sources: [SCHEMA, 'hashicorp/terraform-provider-helm@v3.1.1:docs/guides/v3-upgrade-guide.md'],
    check: (app) => {
      const violations: Violation[] = [];
      for (const release of app.resources('helm_release')) {
        const report = (message: string) => violations.push({ address: release.address, message });
        for (const [key, value] of Object.entries<any>(release.config)) {
          if (!KNOWN.has(key)) report(`${key} is not an argument of helm_release v3.1.1`);
          else if (BOOLEAN.includes(key) && typeof value !== 'boolean' && !isExpression(value)) report(`${key} must be a boolean, got ${JSON.stringify(value)}`);
          else if (STRING.includes(key) && typeof value !== 'string') report(`${key} must be a string, got ${JSON.stringify(value)}`);
          else if (INTEGER.includes(key) && !(Number.isInteger(value) || isExpression(value))) report(`${key} must be a whole number of seconds or entries, got ${JSON.stringify(value)}`);
          else if (key === 'values' && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) report('values must be a list of YAML strings');
          else if (NAMED_VALUE_LISTS.includes(key) && !(Array.isArray(value) && value.every((v) => v && typeof v === 'object' && typeof v.name === 'string'))) {
            report(`${key} is a list of {name, value} objects in v3 (a block in v2)`);
          }
        }
        // name: Required, stringvalidator.LengthBetween(1, 53).
        const name = release.config.name;
        if (typeof name !== 'string' || (!isExpression(name) && (name.length < 1 || name.length > 53))) report(`name ${JSON.stringify(name)} must be 1 to 53 characters`);
        if (typeof release.config.chart !== 'string') report('chart is required');
      }
      return violations;
    },
  },
];
