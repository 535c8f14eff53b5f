/**
 * A `HostnameGenerator` (kuma.io_hostnamegenerators.yaml v1alpha1): the names under which
 * MeshServices, MeshExternalServices or MeshMultiZoneServices are reachable in the mesh.
 *
 * A Kubernetes global creates `synced-kube-mesh-service` itself: MeshServices synced from
 * other zones (`kuma.io/origin: global`, not headless) as
 * `{{ .DisplayName }}.{{ .Namespace }}.svc.{{ .Zone }}.mesh.local`; Kubernetes zones get no
 * generator for their own MeshServices (kumahq/kuma@v2.14.3:pkg/defaults/hostname_generator.go).
 * {@link HostnameGenerator.crossZone} plans the same cross-zone names on the global, so they
 * are part of the configuration (two generators giving one service the same name is no
 * collision: generator.go#generateHostnames compares service names), and
 * {@link HostnameGenerator.localZone} adds `{{ .DisplayName }}.{{ .Namespace }}.svc.mesh.local`
 * for a zone's own services. Both are known at synth time through {@link renderHostname}.
 * The selector matches the MeshService's labels exactly (api/common/v1alpha1/selector.go#Matches).
 */
import { Construct } from 'constructs';
import { assertDns1123Label, isDns1123Subdomain, isUnresolved, ValidationError } from '../private/validation';
import { IGlobalControlPlane } from './control-plane';
import { HostnameSelectorKind, renderHostnameGenerator, renderHostnameTemplate, UnknownTemplateAction } from './models/hostname-generator';

/** Values of the template variables, for {@link renderHostname}. */
export interface HostnameTemplateValues {
  /**
   * `.Name`: the MeshService's own name (hashed when synced from another zone).
   * @default displayName
   */
  readonly name?: string;
  /** `.DisplayName`: the Kubernetes Service name. */
  readonly displayName: string;
  /** `.Namespace`: the Kubernetes namespace. */
  readonly namespace: string;
  /** `.Zone`: the zone the service comes from. */
  readonly zone: string;
  /** `.Mesh`: the mesh. */
  readonly mesh: string;
  /** Labels available to `label "key"`. */
  readonly labels: { [key: string]: string };
}

/** Options of the {@link HostnameGeneratorSelector} factories. */
export interface HostnameGeneratorSelectorOptions {
  /** Labels the selected resources must carry. */
  readonly matchLabels: { [key: string]: string };
}

/** Options of {@link HostnameGenerator.crossZone}, {@link HostnameGenerator.localZone} and {@link HostnameGenerator.multiZone}. */
export interface ZoneHostnameGeneratorOptions {
  /** Global control plane the generator is applied to. */
  readonly globalControlPlane: IGlobalControlPlane;
  /**
   * Generator name.
   * @default "cross-zone-mesh-services" / "local-zone-mesh-services" / "multi-zone-services"
   */
  readonly name?: string;
  /**
   * Domain suffix of the generated names.
   * @default "mesh.local"
   */
  readonly suffix?: string;
}

/** Properties of a {@link HostnameGenerator}. */
export interface HostnameGeneratorProps {
  /** Global control plane the generator is applied to. */
  readonly globalControlPlane: IGlobalControlPlane;
  /** Generator name (DNS-1123 label). */
  readonly name: string;
  /** Go template of the hostname, e.g. `{{ .DisplayName }}.{{ .Namespace }}.svc.{{ .Zone }}.mesh.local`. */
  readonly template: string;
  /** Which resources get names from this generator. */
  readonly selector: HostnameGeneratorSelector;
}

/** Which kind of resource a HostnameGenerator names (exactly one). */
export class HostnameGeneratorSelector {
  /** MeshServices with these labels. */
  public static meshService(options: HostnameGeneratorSelectorOptions): HostnameGeneratorSelector {
    return new HostnameGeneratorSelector('meshService', options.matchLabels);
  }

  /** MeshExternalServices with these labels. */
  public static meshExternalService(options: HostnameGeneratorSelectorOptions): HostnameGeneratorSelector {
    return new HostnameGeneratorSelector('meshExternalService', options.matchLabels);
  }

  /** MeshMultiZoneServices with these labels. */
  public static meshMultiZoneService(options: HostnameGeneratorSelectorOptions): HostnameGeneratorSelector {
    return new HostnameGeneratorSelector('meshMultiZoneService', options.matchLabels);
  }

  private constructor(
    /** The selector field: `meshService`, `meshExternalService` or `meshMultiZoneService`. */
    public readonly kind: string,
    /** Labels the selected resources must carry. */
    public readonly matchLabels: { [key: string]: string },
  ) {}
}

/** The suffix of mesh host names, as Kuma's default generators use it. */
export const DEFAULT_MESH_HOSTNAME_SUFFIX = 'mesh.local';

/** Template for services of other zones (`HostnameGenerator.crossZone`), as Kuma's default `synced-mesh-service` generator. */
export function crossZoneTemplate(suffix: string = DEFAULT_MESH_HOSTNAME_SUFFIX): string {
  return `{{ .DisplayName }}.{{ .Namespace }}.svc.{{ .Zone }}.${suffix}`;
}

/** Template for services of the local zone (`HostnameGenerator.localZone`), as Kuma's default `local-mesh-service` generator. */
export function localZoneTemplate(suffix: string = DEFAULT_MESH_HOSTNAME_SUFFIX): string {
  return `{{ .DisplayName }}.{{ .Namespace }}.svc.${suffix}`;
}

/** The host name `HostnameGenerator.crossZone` gives a Service of another zone. */
export function crossZoneServiceHostname(serviceName: string, namespace: string, zone: string, suffix: string = DEFAULT_MESH_HOSTNAME_SUFFIX): string {
  return `${serviceName}.${namespace}.svc.${zone}.${suffix}`;
}

export const CROSS_ZONE_TEMPLATE = crossZoneTemplate();
export const LOCAL_ZONE_TEMPLATE = localZoneTemplate();

/**
 * Template for MeshMultiZoneServices, as the global's default `synced-mesh-multi-zone-service`
 * generator (kumahq/kuma@v2.14.3:pkg/defaults/hostname_generator.go#EnsureHostnameGeneratorExists).
 */
export const MULTI_ZONE_TEMPLATE = '{{ .DisplayName }}.mzsvc.mesh.local';

/** Names MeshServices (or external / multi-zone services) in the mesh's DNS. */
export class HostnameGenerator extends Construct {
  /**
   * Names of MeshMultiZoneServices: `<name>.mzsvc.<suffix>`. A MeshMultiZoneService is created
   * on the global, so every zone sees it with `kuma.io/origin: global`.
   */
  public static multiZone(scope: Construct, id: string, options: ZoneHostnameGeneratorOptions): HostnameGenerator {
    return new HostnameGenerator(scope, id, {
      globalControlPlane: options.globalControlPlane,
      name: options.name ?? 'multi-zone-services',
      template: options.suffix === undefined ? MULTI_ZONE_TEMPLATE : `{{ .DisplayName }}.mzsvc.${options.suffix}`,
      selector: HostnameGeneratorSelector.meshMultiZoneService({ matchLabels: { 'kuma.io/origin': 'global' } }),
    });
  }

  /** Names of MeshServices synced from other zones: `<service>.<namespace>.svc.<zone>.<suffix>`. */
  public static crossZone(scope: Construct, id: string, options: ZoneHostnameGeneratorOptions): HostnameGenerator {
    return new HostnameGenerator(scope, id, {
      globalControlPlane: options.globalControlPlane,
      name: options.name ?? 'cross-zone-mesh-services',
      template: crossZoneTemplate(options.suffix),
      // As Kuma's own `synced-kube-mesh-service` (kumahq/kuma@v2.14.3:pkg/defaults/hostname_generator.go#EnsureHostnameGeneratorExists):
      // a headless Service has one MeshService per pod, which this template would not tell apart.
      selector: HostnameGeneratorSelector.meshService({
        matchLabels: { 'kuma.io/origin': 'global', 'kuma.io/env': 'kubernetes', 'k8s.kuma.io/is-headless-service': 'false' },
      }),
    });
  }

  /** Names of MeshServices of the zone itself: `<service>.<namespace>.svc.<suffix>`. */
  public static localZone(scope: Construct, id: string, options: ZoneHostnameGeneratorOptions): HostnameGenerator {
    return new HostnameGenerator(scope, id, {
      globalControlPlane: options.globalControlPlane,
      name: options.name ?? 'local-zone-mesh-services',
      template: localZoneTemplate(options.suffix),
      selector: HostnameGeneratorSelector.meshService({
        matchLabels: { 'kuma.io/origin': 'zone', 'kuma.io/env': 'kubernetes', 'k8s.kuma.io/is-headless-service': 'false' },
      }),
    });
  }

  /** The hostname template. */
  public readonly template: string;
  /** Name of the generator. */
  public readonly generatorName: string;

  constructor(scope: Construct, id: string, props: HostnameGeneratorProps) {
    super(scope, id);
    const path = this.node.path;
    assertDns1123Label(props.name, `${path}.name`, 'generator name');
    validateHostnameTemplate(props.template, `${path}.template`);
    this.template = props.template;
    this.generatorName = props.name;
    props.globalControlPlane.resources.apply(
      this,
      'resource',
      renderHostnameGenerator({
        name: props.name,
        namespace: props.globalControlPlane.systemNamespace,
        template: props.template,
        selectorKind: props.selector.kind as HostnameSelectorKind,
        matchLabels: props.selector.matchLabels,
      }),
    );
  }
}

/** The hostname `template` gives a service with these values (the subset of Go templates Kuma documents). */
export function renderHostname(template: string, values: HostnameTemplateValues): string {
  return renderHostnameTemplate(template, values);
}

/**
 * Renders `template` with placeholder values and throws a ValidationError naming `field` for
 * an unknown variable or a result that is not a DNS-1123 subdomain (Kuma 2.14 rejects those).
 */
export function validateHostnameTemplate(template: string, field: string): void {
  if (isUnresolved(template)) return;
  const labelKeys = [...template.matchAll(/label\s+"([^"]+)"/g)].map((match) => match[1]);
  const placeholder: HostnameTemplateValues = {
    displayName: 'service-name',
    namespace: 'namespace',
    zone: 'zone-1',
    mesh: 'default',
    labels: Object.fromEntries(labelKeys.map((key) => [key, 'label-value'])),
  };
  let rendered: string;
  try {
    rendered = renderHostnameTemplate(template, placeholder);
  } catch (error) {
    if (error instanceof UnknownTemplateAction) {
      throw new ValidationError(field, template, `uses ${error.message}: use {{ .Name }}, {{ .DisplayName }}, {{ .Namespace }}, {{ .Zone }}, {{ .Mesh }} or {{ label "key" }}`);
    }
    throw error;
  }
  if (!isDns1123Subdomain(rendered)) {
    throw new ValidationError(field, template, `renders to "${rendered}", which is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')`);
  }
}
