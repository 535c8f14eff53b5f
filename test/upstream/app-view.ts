/**
 * A read-only view of a synthesized app for the upstream rules: every resource with its
 * address, the references and `depends_on` edges Terraform will see in the JSON itself,
 * and the cluster a Kubernetes or Helm resource is applied to.
 *
 * Terraform orders a stack by two things only: expressions that reference another
 * resource (`${type.name.attr}`, `${data.type.name.attr}`) and `depends_on`
 * (hashicorp/terraform@v1.11.0:internal/terraform/transform_reference.go,
 * ReferenceTransformer). Nothing else in the JSON orders anything, so that is all
 * this view reads.
 */
import type { StackJson } from '../helpers/synth';

export interface ResourceRef {
  readonly stack: string;
  /** `resource` or `data`. */
  readonly mode: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  /** `stack/type.name` (or `stack/data.type.name`). */
  readonly address: string;
  /** `type.name` or `data.type.name`, as Terraform addresses it inside its stack. */
  readonly localAddress: string;
  readonly config: any;
}

const REFERENCE = /\$\{[^}]*\}/g;
const ADDRESS_IN_EXPRESSION = /(?<![\w.-])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)(?=[.\[\s,)}]|$)/g;

export class AppView {
  private readonly byStack = new Map<string, ResourceRef[]>();
  private readonly dependencyCache = new Map<string, Set<string>>();
  private readonly directCache = new Map<string, Set<string>>();
  /** Local addresses of each stack, for telling a reference from a function call or attribute. */
  private readonly addressesByStack = new Map<string, Set<string>>();

  constructor(public readonly stacks: Record<string, StackJson>) {
    for (const [stack, json] of Object.entries(stacks)) {
      const list: ResourceRef[] = [];
      for (const mode of ['resource', 'data'] as const) {
        for (const [type, byName] of Object.entries<Record<string, any>>(json[mode] ?? {})) {
          for (const [name, config] of Object.entries(byName)) {
            const localAddress = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
            list.push({ stack, mode, type, name, address: `${stack}/${localAddress}`, localAddress, config });
          }
        }
      }
      this.byStack.set(stack, list);
      this.addressesByStack.set(stack, new Set(list.map((ref) => ref.localAddress)));
    }
  }

  /** Every managed resource (not data sources) of the app, optionally of some types. */
  resources(...types: string[]): ResourceRef[] {
    return [...this.byStack.values()]
      .flat()
      .filter((ref) => ref.mode === 'resource' && (types.length === 0 || types.includes(ref.type)));
  }

  /** Every resource and data source of one stack. */
  inStack(stack: string): ResourceRef[] {
    return this.byStack.get(stack) ?? [];
  }

  /** A resource or data source by its local address in a stack, if it exists. */
  find(stack: string, localAddress: string): ResourceRef | undefined {
    return this.inStack(stack).find((ref) => ref.localAddress === localAddress);
  }

  /**
   * Local addresses that `ref` depends on directly: the resources its expressions
   * reference and its `depends_on` list, restricted to what exists in its stack.
   */
  directDependencies(ref: ResourceRef): Set<string> {
    const cached = this.directCache.get(ref.address);
    if (cached) return cached;
    const found = new Set<string>();
    const known = this.addressesByStack.get(ref.stack) ?? new Set<string>();
    for (const dependency of ref.config.depends_on ?? []) {
      if (known.has(dependency)) found.add(dependency);
    }
    visitStrings(withoutMetadata(ref.config), (text) => {
      for (const expression of text.match(REFERENCE) ?? []) {
        for (const match of expression.matchAll(ADDRESS_IN_EXPRESSION)) {
          const address = `${match[1] ?? ''}${match[2]}.${match[3]}`;
          if (known.has(address) && address !== ref.localAddress) found.add(address);
        }
      }
    });
    this.directCache.set(ref.address, found);
    return found;
  }

  /** Every local address `ref` depends on, directly or through others (its stack only). */
  dependencies(ref: ResourceRef): Set<string> {
    const cached = this.dependencyCache.get(ref.address);
    if (cached) return cached;
    const all = new Set<string>();
    const pending = [...this.directDependencies(ref)];
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (all.has(next)) continue;
      all.add(next);
      const nextRef = this.find(ref.stack, next);
      if (nextRef) pending.push(...this.directDependencies(nextRef));
    }
    this.dependencyCache.set(ref.address, all);
    return all;
  }

  /** Whether `ref` waits for `other` (same stack) when Terraform creates them. */
  dependsOn(ref: ResourceRef, other: ResourceRef): boolean {
    return ref.stack === other.stack && this.dependencies(ref).has(other.localAddress);
  }

  /**
   * The cluster a Kubernetes or Helm resource goes to: its provider alias (`acme_gke`).
   * Every stack names a cluster's kubernetes and helm providers with the same alias
   * (ClusterConnection memoises them per stack), so the alias identifies the cluster
   * across stacks.
   */
  clusterOf(ref: ResourceRef): string | undefined {
    const provider: string | undefined = ref.config.provider;
    if (!provider || !/^(kubernetes|helm)\./.test(provider)) return undefined;
    return provider.split(".")[1];
  }
}

/** The cdktf `//` metadata block holds construct paths, not expressions Terraform reads. */
function withoutMetadata(config: any): any {
  const { ['//']: _metadata, ...rest } = config ?? {};
  return rest;
}

function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((item) => visitStrings(item, visit));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => visitStrings(item, visit));
}
