/**
 * The staging rules of DESIGN.md ("Stages: why there are several stacks"), checked on
 * synthesized stacks. Each returns violations naming the stack and resource; an empty
 * list means the app deploys from zero in one `cdktf deploy '*'`.
 */
import type { StackJson } from '../helpers/synth';
import { CRD_GROUPS_BY_CHART, rehearseDeploy } from './deploy-rehearsal';

export interface Violation {
  readonly rule: string;
  readonly where: string;
  readonly message: string;
}

/** Terraform references `${type.name...}` / `${data.type.name...}` inside a JSON value. */
function references(value: unknown): Array<{ data: boolean; type: string; name: string }> {
  const text = JSON.stringify(value ?? null);
  const found: Array<{ data: boolean; type: string; name: string }> = [];
  for (const match of text.matchAll(/\b(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g)) {
    found.push({ data: Boolean(match[1]), type: match[2], name: match[3] });
  }
  return found;
}

/** Rule 1: no Kubernetes or Helm provider is configured from a resource of its own stack. */
export function providersNotFromOwnResources(stacks: Record<string, StackJson>): Violation[] {
  const violations: Violation[] = [];
  for (const [stackName, stack] of Object.entries(stacks)) {
    const ownResources = stack.resource ?? {};
    for (const providerType of ['kubernetes', 'helm']) {
      for (const config of stack.provider?.[providerType] ?? []) {
        for (const ref of references(config)) {
          if (!ref.data && ownResources[ref.type]?.[ref.name] !== undefined) {
            violations.push({
              rule: 'provider-from-own-stack',
              where: `${stackName}/provider.${providerType}${config.alias ? `.${config.alias}` : ''}`,
              message: `configured from ${ref.type}.${ref.name}, a resource of the same stack: it must come from a data source or an earlier stack`,
            });
          }
        }
      }
    }
  }
  return violations;
}

/** Rule 2: no custom resource is planned in the stack whose Helm release installs its CRD. */
export function customResourcesNotBesideTheirCrds(stacks: Record<string, StackJson>): Violation[] {
  const violations: Violation[] = [];
  for (const [stackName, stack] of Object.entries(stacks)) {
    const installedGroups = new Set(
      Object.values(stack.resource?.helm_release ?? {}).flatMap((release: any) => CRD_GROUPS_BY_CHART[release.chart] ?? []),
    );
    for (const [name, config] of Object.entries(stack.resource?.kubernetes_manifest ?? {})) {
      const apiVersion = String((config as any).manifest?.apiVersion ?? '');
      const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
      if (installedGroups.has(group)) {
        violations.push({
          rule: 'custom-resource-beside-crd',
          where: `${stackName}/kubernetes_manifest.${name}`,
          message: `${(config as any).manifest?.kind} (${apiVersion}) is planned in the stack that installs its CRD; plan it in a later stage`,
        });
      }
    }
  }
  return violations;
}

/**
 * Rule 3: every cross-stage value flows through a cross-stack reference or a data
 * source by name. A stack may only reference its own resources, data sources,
 * variables and locals (cdktf turns a cross-stack reference into a remote-state
 * data source), and its outputs of cross-stack values are sensitive.
 */
export function crossStageValuesByReference(stacks: Record<string, StackJson>): Violation[] {
  const violations: Violation[] = [];
  for (const [stackName, stack] of Object.entries(stacks)) {
    const ownResources = stack.resource ?? {};
    const ownData = stack.data ?? {};
    const scan = (value: unknown, where: string) => {
      const text = JSON.stringify(value ?? null);
      for (const expression of text.matchAll(/\$\{([^}]*)\}/g)) {
        for (const ref of references(expression[1])) {
          if (['var', 'local', 'each', 'count', 'self', 'path', 'terraform', 'module'].includes(ref.type) && !ref.data) continue;
          const known = ref.data ? ownData[ref.type]?.[ref.name] !== undefined : ownResources[ref.type]?.[ref.name] !== undefined;
          // Function names and attribute chains also match the pattern; only flag names that
          // look like resource types of a provider we use.
          if (!known && /^(azurerm|google|kubernetes|helm|tls|random|terraform_remote_state)_/.test(ref.type)) {
            violations.push({
              rule: 'cross-stage-by-reference',
              where: `${stackName}/${where}`,
              message: `refers to ${ref.data ? 'data.' : ''}${ref.type}.${ref.name}, which this stack does not declare`,
            });
          }
        }
      }
    };
    for (const [type, byName] of Object.entries(ownResources)) {
      for (const [name, config] of Object.entries(byName)) scan(config, `${type}.${name}`);
    }
    for (const [type, byName] of Object.entries(ownData)) {
      for (const [name, config] of Object.entries(byName)) scan(config, `data.${type}.${name}`);
    }
    for (const [name, output] of Object.entries(stack.output ?? {})) {
      if (name.startsWith('cross-stack-output-') && output.sensitive !== true) {
        violations.push({
          rule: 'cross-stage-by-reference',
          where: `${stackName}/output.${name}`,
          message: 'a cross-stack output must be sensitive',
        });
      }
    }
  }
  return violations;
}

/**
 * Rule 4: the deploy rehearsal (deploy-rehearsal.ts) finds every prerequisite created
 * first and destroyed last. `stacks` must be in deploy order, as readStacks returns them.
 */
export function prerequisitesOrdered(stacks: Record<string, StackJson>): Violation[] {
  return rehearseDeploy(stacks).violations.map((message) => ({ rule: 'deploy-rehearsal', where: message.split(' ')[0], message }));
}

/** All staging rules. */
export function checkStagingInvariants(stacks: Record<string, StackJson>): Violation[] {
  return [
    ...providersNotFromOwnResources(stacks),
    ...customResourcesNotBesideTheirCrds(stacks),
    ...crossStageValuesByReference(stacks),
    ...prerequisitesOrdered(stacks),
  ];
}

/** Human-readable list for assertion messages. */
export function formatViolations(violations: Violation[]): string {
  return violations.map((violation) => `${violation.rule}: ${violation.where}: ${violation.message}`).join('\n');
}
