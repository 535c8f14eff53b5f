// The cdktf floor of a synth: what cdktf and the prebuilt providers alone cost for the
// resources a synth wrote, whatever library builds them.
//
// argv[2]: a JSON file listing module files (what the measured synth loaded), required
// first in that order, as floor-all.cjs does; argv[3]: a cdktf.out folder the measured
// synth wrote; argv[4]: `empty` or `values`. For every stack in it, this process creates a
// stack with the same providers, resources and data sources, of the same prebuilt classes
// (`@cdktf/provider-google/lib/container-cluster#ContainerCluster` for
// `google_container_cluster`), and synthesizes the app. With `empty` they have no
// configuration; with `values` each gets the attributes the measured synth wrote, as
// overrides (plain JSON: `${...}` references are strings here, not tokens).
//
// It is a lower bound for a library that builds these resources with the prebuilt
// bindings: no planning, no tokens, no cross-stack references.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

for (const file of JSON.parse(readFileSync(process.argv[2], 'utf8'))) require(file);
const { App, TerraformStack, TerraformResource, TerraformDataSource, TerraformProvider } = require('cdktf');

const classes = new Map();
/** The prebuilt class whose `tfResourceType` is `type`, from the module its name maps to. */
function prebuilt(type, kind) {
  const key = `${kind}:${type}`;
  if (classes.has(key)) return classes.get(key);
  const underscore = type.indexOf('_');
  const provider = underscore < 0 ? type : type.slice(0, underscore);
  const rest = type.slice(underscore + 1).replace(/_/g, '-');
  const module = kind === 'provider' ? 'provider' : kind === 'data' ? `data-${provider}-${rest}` : rest;
  let found;
  try {
    const exports = require(`@cdktf/provider-${provider}/lib/${module}`);
    found = Object.values(exports).find((value) => typeof value === 'function' && value.tfResourceType === type);
  } catch {
    found = undefined; // no prebuilt provider (hand-written bindings, terraform_data): the generic class
  }
  classes.set(key, found);
  return found;
}

const out = process.argv[3];
const withValues = process.argv[4] === 'values';
const app = new App();
for (const name of readdirSync(join(out, 'stacks'))) {
  const json = JSON.parse(readFileSync(join(out, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  const stack = new TerraformStack(app, name);
  for (const [type, configs] of Object.entries(json.provider ?? {})) {
    const Provider = prebuilt(type, 'provider');
    configs.forEach((config, index) => {
      const id = `${type}-${index}`;
      if (Provider) new Provider(stack, id, { alias: config.alias });
      else new TerraformProvider(stack, id, { terraformResourceType: type, terraformGeneratorMetadata: { providerName: type } });
    });
  }
  for (const [kind, blocks] of [['resource', json.resource ?? {}], ['data', json.data ?? {}]]) {
    for (const [type, instances] of Object.entries(blocks)) {
      const Class = prebuilt(type, kind);
      for (const id of Object.keys(instances)) {
        let element;
        if (Class) element = new Class(stack, `${type}-${id}`, {});
        else if (kind === 'data') element = new TerraformDataSource(stack, `${type}-${id}`, { terraformResourceType: type });
        else element = new TerraformResource(stack, `${type}-${id}`, { terraformResourceType: type });
        if (withValues) {
          for (const [attribute, value] of Object.entries(instances[id])) if (attribute !== '//') element.addOverride(attribute, value);
        }
      }
    }
  }
}
app.synth();
