/**
 * Which control plane the library installs: Kuma OSS or Kong Mesh (Kuma with
 * enterprise features, a license, and every Kuma chart value nested under `kuma:`).
 */
import { ChartReference, KONG_MESH_CHART, KUMA_CHART } from '../versions';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';

/** Chart overrides common to both distributions. */
export interface MeshDistributionOptions {
  /**
   * Chart version.
   * @default the version pinned in lib/versions.ts (KUMA_CHART / KONG_MESH_CHART)
   */
  readonly chartVersion?: string;
  /**
   * Helm repository URL (a mirror, for instance).
   * @default the upstream repository pinned in lib/versions.ts
   */
  readonly chartRepository?: string;
}

/** Kong Mesh: the chart overrides plus where its license comes from. */
export interface KongMeshOptions extends MeshDistributionOptions {
  /**
   * The license (JSON) as a sensitive Terraform value, e.g. a sensitive
   * `TerraformVariable` or a secret-manager data source. Each control plane writes it
   * into a Kubernetes Secret named `licenseSecretName` in its namespace. A literal
   * string is rejected: it would be written in plain text into `cdk.tf.json`.
   * @default none: the Secret `licenseSecretName` must already exist in every control plane namespace
   */
  readonly license?: string;
  /**
   * Name of the Secret holding the license under the key `license.json`.
   * @default "kong-mesh-license"
   */
  readonly licenseSecretName?: string;
}

/** Distribution names, as the topology file spells them. */
export const KUMA = 'kuma';
export const KONG_MESH = 'kong-mesh';

/** Key of the license in its Secret, as the Kong Mesh docs create it (`--from-file license.json=...`). */
export const LICENSE_SECRET_KEY = 'license.json';

/**
 * One entry of the chart's `controlPlane.secrets`: a Secret key exposed to the control plane as an env var.
 * @internal the chart spells the fields in PascalCase, which jsii cannot carry
 */
export interface ControlPlaneSecretEnv {
  readonly Env: string;
  readonly Secret: string;
  readonly Key: string;
}

/**
 * Kuma OSS or Kong Mesh. Use {@link MeshDistribution.kuma} or {@link MeshDistribution.kongMesh}.
 */
export class MeshDistribution {
  /** Kuma OSS (no license). */
  public static kuma(options: MeshDistributionOptions = {}): MeshDistribution {
    return new MeshDistribution(KUMA, chartOf(KUMA_CHART, options, 'MeshDistribution.kuma'), 'kuma-system', undefined, undefined);
  }

  /** Kong Mesh: license from a Secret the control planes create from `license`, or one that exists already. */
  public static kongMesh(options: KongMeshOptions = {}): MeshDistribution {
    const field = 'MeshDistribution.kongMesh';
    if (options.license !== undefined && !isUnresolved(options.license)) {
      throw new ValidationError(
        `${field}.license`,
        '<literal license>',
        'must be a sensitive Terraform value (e.g. new TerraformVariable(this, "kong-mesh-license", { sensitive: true }).stringValue): a literal would be written in plain text into cdk.tf.json',
      );
    }
    const licenseSecretName = options.licenseSecretName ?? 'kong-mesh-license';
    assertNonEmpty(licenseSecretName, `${field}.licenseSecretName`, 'kong-mesh-license');
    return new MeshDistribution(KONG_MESH, chartOf(KONG_MESH_CHART, options, field), 'kong-mesh-system', options.license, licenseSecretName);
  }

  private constructor(
    /** `kuma` or `kong-mesh`. */
    public readonly name: string,
    /** The chart this distribution installs. */
    public readonly chart: ChartReference,
    /** Namespace of the control plane (`kuma-system` or `kong-mesh-system`). */
    public readonly systemNamespace: string,
    /** Kong Mesh: the license to write into `licenseSecretName` (sensitive), if the library creates that Secret. */
    public readonly license: string | undefined,
    /** Kong Mesh: the Secret holding the license. Undefined for Kuma. */
    public readonly licenseSecretName: string | undefined,
  ) {}

  /** True for Kong Mesh. */
  public get isKongMesh(): boolean {
    return this.name === KONG_MESH;
  }

  /** Helm release name (the chart's name: resources are then named `kuma-*` / `kong-mesh-*` as in the docs). */
  public get releaseName(): string {
    return this.chart.chart;
  }

  /**
   * Kuma chart values in the shape this distribution's chart reads: as they are for
   * Kuma, under `kuma:` for Kong Mesh (Kuma is a dependency of the Kong Mesh chart).
   */
  public wrapValues(values: { [key: string]: any }): { [key: string]: any } {
    return this.isKongMesh ? { kuma: values } : values;
  }

  /**
   * The `controlPlane.secrets` entry that hands the license to the control plane
   * (`KMESH_LICENSE_INLINE`, as in the Kong Mesh production values). Undefined for Kuma.
   * @internal
   */
  public _licenseSecretEnv(): ControlPlaneSecretEnv | undefined {
    if (!this.licenseSecretName) return undefined;
    return { Env: 'KMESH_LICENSE_INLINE', Secret: this.licenseSecretName, Key: LICENSE_SECRET_KEY };
  }
}

function chartOf(pinned: ChartReference, options: MeshDistributionOptions, field: string): ChartReference {
  if (options.chartVersion !== undefined) assertNonEmpty(options.chartVersion, `${field}.chartVersion`, pinned.version);
  if (options.chartRepository !== undefined) assertNonEmpty(options.chartRepository, `${field}.chartRepository`, pinned.repository);
  return {
    repository: options.chartRepository ?? pinned.repository,
    chart: pinned.chart,
    version: options.chartVersion ?? pinned.version,
  };
}
