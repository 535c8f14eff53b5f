/**
 * The declarative entry point: one topology in, three staged stacks out.
 *
 *   <environment>-infra     clusters, reserved addresses, DNS zones and records, identities
 *   <environment>-platform  control planes, namespaces, cert-manager, Kong gateways, APIs
 *   <environment>-mesh      Mesh, policies, HostnameGenerators, issuers, certificates,
 *                           routes, connectivity checks
 *
 * `cdktf deploy '*'` applies them in that order from zero (each stack depends on the
 * previous one), and `cdktf destroy '*'` tears them down in reverse.
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { TopologySpec } from './topology-spec';
import { TopologyPlan } from './topology-plan';
import { planTopology } from './plan-topology';
import { renderTopologyMarkdown } from './topology-diagram';
import { buildInfraStage, InfraStage } from './_infra-stage';
import { buildPlatformStage, PlatformStage } from './_platform-stage';
import { buildMeshStage } from './_mesh-stage';
import { TopologyValidationError, validateTopology } from './validate-topology';
import { configureStageStacks } from './_stage-config';
import { CloudProviderFactory } from '../core/cloud-provider-factory';
import { publishEnvironmentOutputs } from '../environments/environment-record';
import { checkPeerDependencies } from '../private/peer-dependencies';
import './topology-report'; // a bad topology that goes uncaught prints as `validate` prints it
import { secretInputIssues } from './_validate-secrets';

/** Sensitive values the topology file must not hold; give them as Terraform tokens. */
export interface CrossCloudMeshSecrets {
  /**
   * The Kong Mesh license (JSON), as a sensitive Terraform value, e.g.
   * `new TerraformVariable(stack, 'kong-mesh-license', { sensitive: true }).stringValue`
   * or a secret-manager data source (a token of any stack of the app: cdktf passes it on as a
   * sensitive cross-stack output). Read when `mesh.createLicenseSecret` is true.
   * @default with mesh.createLicenseSecret, a sensitive variable `kong_mesh_license` of the
   * platform stack (set `TF_VAR_kong_mesh_license`); else none: the Secret exists already
   */
  readonly kongMeshLicense?: string;
  /**
   * The password of a universal-postgres global's database, as a sensitive Terraform value.
   * Read when `mesh.global.database.createPasswordSecret` is true.
   * @default with createPasswordSecret, a sensitive variable `postgres_password` of the platform
   * stack (set `TF_VAR_postgres_password`); else none: the Secret exists already
   */
  readonly postgresPassword?: string;
}

export interface CrossCloudMeshProps {
  /** The topology: typed in code, or read from a file with `loadTopology(path)`. */
  readonly topology: TopologySpec;
  /**
   * Read from `mesh.global.external.caCertificateFile`: the CA of an external global.
   * `loadTopology` fills it from the file; pass it yourself for a typed topology.
   * @default none (required only for an external global)
   */
  readonly externalGlobalCaCertificatePem?: string;
  /**
   * Creates the azurerm and google providers, once per stack and account: override its
   * methods to configure them beyond the topology's `accounts.*.provider` settings.
   * @default a CloudProviderFactory that writes the topology's settings
   */
  readonly providerFactory?: CloudProviderFactory;
  /**
   * Sensitive inputs (Terraform tokens, never literals): the Kong Mesh license and the
   * PostgreSQL password, which Terraform writes into Secrets it creates before the releases
   * that read them. The topology says which it expects (`mesh.createLicenseSecret`,
   * `mesh.global.database.createPasswordSecret`).
   * @default none: the topology names existing Secrets
   */
  readonly secrets?: CrossCloudMeshSecrets;
}

export class CrossCloudMesh extends Construct {
  /** Stage 1: clouds. */
  public readonly infraStack: TerraformStack;
  /** Stage 2: Helm releases and plain Kubernetes objects. */
  public readonly platformStack: TerraformStack;
  /** Stage 3: custom resources. */
  public readonly meshStack: TerraformStack;
  /** The topology with defaults resolved; what the diagram shows. */
  public readonly plan: TopologyPlan;
  /** `topology.md`: a Mermaid picture of the plan. */
  public readonly diagramMarkdown: string;

  constructor(scope: Construct, id: string, props: CrossCloudMeshProps) {
    super(scope, id);
    checkPeerDependencies(scope);
    // Validation first: every later step may assume references resolve.
    const spec = validateTopology(props.topology);
    const secretIssues = secretInputIssues(spec, props.secrets);
    if (secretIssues.length > 0) throw new TopologyValidationError(secretIssues);
    this.plan = planTopology(spec);
    this.diagramMarkdown = renderTopologyMarkdown(this.plan);

    this.infraStack = new TerraformStack(this, `${spec.environment}-infra`);
    this.platformStack = new TerraformStack(this, `${spec.environment}-platform`);
    this.meshStack = new TerraformStack(this, `${spec.environment}-mesh`);
    // Explicit order: later stages read clusters by name through data sources, which
    // are not references cdktf could infer a dependency from.
    this.platformStack.addDependency(this.infraStack);
    this.meshStack.addDependency(this.platformStack);
    configureStageStacks(spec, { infra: this.infraStack, platform: this.platformStack, mesh: this.meshStack }, props.providerFactory);

    const infra: InfraStage = buildInfraStage(this.infraStack, spec, this.plan);
    const platform: PlatformStage = buildPlatformStage(this.platformStack, spec, this.plan, infra, props.externalGlobalCaCertificatePem, props.secrets);
    buildMeshStage(this.meshStack, spec, this.plan, infra, platform);
    publishEnvironmentOutputs({ infra: this.infraStack, platform: this.platformStack, mesh: this.meshStack }, spec);
  }
}
