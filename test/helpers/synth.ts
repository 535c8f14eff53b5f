/**
 * Test helpers: synthesize stacks or whole apps without the cdktf CLI, and query the JSON.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';

/** A synthesized stack: the parsed `cdk.tf.json`. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly provider?: Record<string, any[]>;
  readonly output?: Record<string, any>;
  readonly terraform?: any;
  readonly [key: string]: any;
}

/** Synthesizes one stack built by `build` and returns its JSON. Runs validations. */
export function synthStack(build: (stack: TerraformStack) => void): StackJson {
  const app = Testing.app();
  try {
    const stack = new TerraformStack(app, 'test');
    build(stack);
    return JSON.parse(Testing.synth(stack, true));
  } finally {
    rmSync(app.outdir, { recursive: true, force: true });
  }
}

/** Synthesizes a whole app built by `build` into a temporary directory; returns every stack's JSON by name. */
export function synthApp(build: (app: App) => void): Record<string, StackJson> {
  const outdir = mkdtempSync(join(tmpdir(), 'ccm-test-'));
  try {
    const app = new App({ outdir, skipValidation: false });
    build(app);
    app.synth();
    return readStacks(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Reads every stack of a synthesized output directory, in deploy order: the order
 * `cdktf deploy '*'` applies them, from the stack dependencies of `manifest.json`
 * (alphabetical among stacks that do not depend on each other).
 */
export function readStacks(outdir: string): Record<string, StackJson> {
  const stacksDir = join(outdir, 'stacks');
  const stacks: Record<string, StackJson> = {};
  if (!existsSync(stacksDir)) return stacks;
  for (const name of deployOrder(outdir, readdirSync(stacksDir).sort())) {
    stacks[name] = JSON.parse(readStack(outdir, name));
  }
  return stacks;
}

function deployOrder(outdir: string, names: string[]): string[] {
  const manifestPath = join(outdir, 'manifest.json');
  if (!existsSync(manifestPath)) return names;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  // Dependencies are construct paths (`app/stack`); the stack's name is the last segment.
  const dependencies = new Map<string, string[]>(
    names.map((name) => [name, (manifest.stacks?.[name]?.dependencies ?? []).map((path: string) => path.split('/').pop()!)]),
  );
  const ordered: string[] = [];
  const visit = (name: string, trail: string[]): void => {
    if (ordered.includes(name)) return;
    if (trail.includes(name)) throw new Error(`stack dependency cycle: ${[...trail, name].join(' -> ')}`);
    for (const dependency of dependencies.get(name) ?? []) visit(dependency, [...trail, name]);
    ordered.push(name);
  };
  names.forEach((name) => visit(name, []));
  return ordered;
}

function readStack(outdir: string, name: string): string {
  return readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
}

/** All resources of one Terraform type, as `[name, config]` pairs. */
export function resourcesOfType(stack: StackJson, type: string): Array<[string, any]> {
  return Object.entries(stack.resource?.[type] ?? {});
}

/** The single resource of a type; fails when there is none or several. */
export function onlyResource(stack: StackJson, type: string): any {
  const all = resourcesOfType(stack, type);
  if (all.length !== 1) {
    throw new Error(`expected exactly one ${type}, found ${all.length}: ${all.map(([n]) => n).join(', ')}`);
  }
  return all[0][1];
}

/** All data sources of one type. */
export function dataOfType(stack: StackJson, type: string): Array<[string, any]> {
  return Object.entries(stack.data?.[type] ?? {});
}

/** The merged Helm values of a `helm_release` (its `values` YAML documents, in order). */
export function helmValues(release: any): Record<string, any> {
  // Lazy import keeps test start-up light for suites that never read values.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const YAML = require('yaml') as typeof import('yaml');
  const merged: Record<string, any> = {};
  for (const doc of release.values ?? []) {
    deepMerge(merged, YAML.parse(doc) ?? {});
  }
  return merged;
}

/** The manifests of every `kubernetes_manifest` in a stack, with their resource names. */
export function manifests(stack: StackJson): Array<{ name: string; manifest: any }> {
  return resourcesOfType(stack, 'kubernetes_manifest').map(([name, config]) => ({ name, manifest: config.manifest }));
}

function deepMerge(target: Record<string, any>, source: Record<string, any>): void {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && target[key] && typeof target[key] === 'object') {
      deepMerge(target[key], value);
    } else {
      target[key] = value;
    }
  }
}

export { Construct };
