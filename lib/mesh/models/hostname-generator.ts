/**
 * Model of a `HostnameGenerator` (kuma.io_hostnamegenerators.yaml, v1alpha1) and a renderer
 * for its templates, so that names are known (and validated) at synth time.
 *
 * Kuma renders the template with Go text/template; the variables are `.Name`, `.DisplayName`,
 * `.Namespace`, `.Zone`, `.Mesh` and the function `label "key"`
 * (kumahq/kuma@v2.14.3:pkg/core/resources/apis/hostnamegenerator/hostname/generator.go#EvaluateTemplate).
 * Kuma 2.14 rejects a template whose result is not an RFC 1123 subdomain
 * (pkg/core/resources/apis/hostnamegenerator/api/v1alpha1/validate.go#validateTemplate).
 */
import { KumaResource } from '../kuma-resource';

/** The selector kinds a HostnameGenerator accepts (exactly one is set). */
export type HostnameSelectorKind = 'meshService' | 'meshExternalService' | 'meshMultiZoneService';

/** The HostnameGenerator spec. */
export interface HostnameGeneratorSpec {
  readonly template: string;
  readonly selector: { readonly [kind: string]: { readonly matchLabels: { [key: string]: string } } };
}

/** Inputs of {@link renderHostnameGenerator}. */
export interface HostnameGeneratorModel {
  readonly name: string;
  readonly namespace: string;
  readonly template: string;
  readonly selectorKind: HostnameSelectorKind;
  readonly matchLabels: { [key: string]: string };
}

/** A HostnameGenerator is global-scoped (not tied to a mesh): no `kuma.io/mesh` label. */
export function renderHostnameGenerator(model: HostnameGeneratorModel): KumaResource {
  const spec: HostnameGeneratorSpec = {
    template: model.template,
    selector: { [model.selectorKind]: { matchLabels: { ...model.matchLabels } } },
  };
  return {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'HostnameGenerator',
    metadata: { name: model.name, namespace: model.namespace },
    spec: spec as unknown as { [key: string]: unknown },
  };
}

/** Values a template is rendered with. */
export interface HostnameValues {
  /** `.Name`: the resource's own name (hashed for one synced from another zone); `displayName` when omitted. */
  readonly name?: string;
  readonly displayName: string;
  readonly namespace: string;
  readonly zone: string;
  readonly mesh: string;
  readonly labels: { [key: string]: string };
}

/** Thrown by {@link renderHostnameTemplate} for an action it does not know. */
export class UnknownTemplateAction extends Error {
  constructor(public readonly action: string) {
    super(`unknown template action {{ ${action} }}`);
    this.name = 'UnknownTemplateAction';
  }
}

const VARIABLES: { [name: string]: keyof Omit<HostnameValues, 'labels' | 'name'> } = {
  '.DisplayName': 'displayName',
  '.Namespace': 'namespace',
  '.Zone': 'zone',
  '.Mesh': 'mesh',
};

/**
 * Renders a HostnameGenerator template the way Kuma does for the supported subset:
 * `{{ .DisplayName }}`, `{{ .Namespace }}`, `{{ .Zone }}`, `{{ .Mesh }}`, `{{ label "key" }}`.
 * Anything else throws {@link UnknownTemplateAction}.
 */
export function renderHostnameTemplate(template: string, values: HostnameValues): string {
  return template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_match, action: string) => {
    if (action === '.Name') return values.name ?? values.displayName;
    const variable = VARIABLES[action];
    if (variable) return values[variable];
    const label = /^label\s+"([^"]+)"$/.exec(action);
    if (label) {
      const value = values.labels[label[1]];
      if (value === undefined) throw new UnknownTemplateAction(`label "${label[1]}" (no such label)`);
      return value;
    }
    throw new UnknownTemplateAction(action);
  });
}
