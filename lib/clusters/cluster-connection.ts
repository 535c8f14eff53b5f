/**
 * How a later-stage stack reaches a Kubernetes cluster.
 *
 * Only the cluster's name (and where to find it) crosses stacks; credentials are
 * looked up in the consuming stack by a data source, never passed through outputs.
 */
import { Construct } from 'constructs';
import { Fn, TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Cloud } from '../core/cloud';
import { cloudProviders, dataAzurermKubernetesCluster, dataGoogleClientConfig, dataGoogleContainerCluster } from '../private/lazy-bindings';
import { ValidationError, assertNonEmpty, isUnresolved } from '../private/validation';

/** The Kubernetes and Helm providers bound to one cluster inside one stack. */
export interface ClusterProviders {
  readonly kubernetes: KubernetesProvider;
  readonly helm: HelmProvider;
}

/** A cluster that a stack can deploy to. */
export interface IClusterConnection {
  /** Cluster name, as the cloud knows it (may be a token from another stack). */
  readonly clusterName: string;
  /** The cloud hosting the cluster; undefined for a plain kubeconfig. */
  readonly cloud?: Cloud;
  /**
   * A name of the connection known at synth time, even when `clusterName` is a token from
   * another stack. Provider aliases and construct ids are derived from it: a token's
   * placeholder text changes whenever another token is created first, and an address
   * derived from it would make Terraform replace the resource.
   */
  readonly connectionName: string;
  /**
   * The providers for this cluster in the stack that contains `scope`, aliased so
   * several clusters can live in one stack. Created on first call per stack, then reused.
   */
  providers(scope: Construct): ClusterProviders;
}

/** An AKS cluster looked up by name. */
export interface AksClusterConnectionOptions {
  /** Cluster name (may be a token from the stack that creates the cluster). */
  readonly clusterName: string;
  /** Resource group of the cluster. */
  readonly resourceGroupName: string;
  /** Subscription of the cluster. */
  readonly subscriptionId: string;
  /**
   * Name used for the provider aliases and construct ids in consuming stacks.
   * @default the cluster name (required when `clusterName` is a token)
   */
  readonly name?: string;
  /**
   * kubelogin login mode used by the exec credential plugin: `azurecli` (the
   * identity of `az login`), `workloadidentity` (CI with federated credentials),
   * `msi`, `spn` (service principal from `AAD_SERVICE_PRINCIPAL_*` variables) or `azd`.
   * @default "azurecli"
   */
  readonly kubeloginMode?: string;
}

/** A GKE cluster looked up by name. */
export interface GkeClusterConnectionOptions {
  /** Cluster name (may be a token from the stack that creates the cluster). */
  readonly clusterName: string;
  /** Region (or zone) of the cluster. */
  readonly location: string;
  /** Project of the cluster. */
  readonly project: string;
  /**
   * Name used for the provider aliases and construct ids in consuming stacks.
   * @default the cluster name (required when `clusterName` is a token)
   */
  readonly name?: string;
}

/** A cluster reached through a kubeconfig file. */
export interface KubeconfigConnectionOptions {
  /** Path of the kubeconfig file. */
  readonly path: string;
  /**
   * Context to use.
   * @default the file's current context
   */
  readonly context?: string;
  /**
   * Name used for the provider aliases and as `clusterName`.
   * @default the context, or "kubeconfig"
   */
  readonly name?: string;
}

/**
 * AKS's first-party Entra ID server application: tokens for any AKS cluster with
 * Entra ID integration are issued for it (kubelogin docs, "Using kubelogin with AKS").
 */
export const AKS_AAD_SERVER_APPLICATION_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/** The client authentication API version the exec plugins speak. */
const EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1';

/** Non-interactive kubelogin login modes: Terraform runs without a terminal to answer a device-code prompt. */
const KUBELOGIN_MODES = ['azurecli', 'workloadidentity', 'msi', 'spn', 'azd'];

/** How one kind of connection configures the providers inside a stack. */
interface ProviderFactory {
  (stack: TerraformStack, alias: string): ClusterProviders;
}

/** Providers already created, by stack and connection key, so two handles on one cluster share them. */
const providersByStack = new WeakMap<TerraformStack, Map<string, ClusterProviders>>();
/** Aliases taken in each stack, so two different clusters with the same name still get distinct aliases. */
const aliasesByStack = new WeakMap<TerraformStack, Set<string>>();

/**
 * A connection to a cluster for later-stage stacks. Each consuming stack gets its
 * own data source (looked up by the cluster's name) and its own Kubernetes and Helm
 * providers, aliased after the connection's name.
 *
 * - AKS with Entra ID: the exec credential plugin `kubelogin` (must be on the PATH
 *   of whoever runs Terraform; `az aks install-cli` installs it) gets a token for
 *   the identity of `az login` by default.
 * - GKE: the access token of the Google provider's credentials and the cluster CA.
 * - kubeconfig: a file and context, for clusters the library does not know.
 */
export class ClusterConnection implements IClusterConnection {
  /** An AKS cluster, created by `AksCluster` in another stack or existing already. */
  public static fromAksCluster(options: AksClusterConnectionOptions): ClusterConnection {
    const field = 'ClusterConnection.fromAksCluster';
    assertNonEmpty(options.clusterName, `${field}.clusterName`, 'acme-azure');
    assertNonEmpty(options.resourceGroupName, `${field}.resourceGroupName`, 'acme-azure-rg');
    assertNonEmpty(options.subscriptionId, `${field}.subscriptionId`, '00000000-0000-0000-0000-000000000000');
    const mode = options.kubeloginMode ?? 'azurecli';
    if (!KUBELOGIN_MODES.includes(mode)) {
      throw new ValidationError(`${field}.kubeloginMode`, mode, `must be one of ${KUBELOGIN_MODES.map((m) => `"${m}"`).join(', ')} (Terraform cannot answer an interactive login)`);
    }
    const name = connectionName(field, options.clusterName, options.name);
    const key = ['aks', options.subscriptionId, options.resourceGroupName, options.clusterName].join('/');
    return new ClusterConnection(options.clusterName, Cloud.AZURE, name, key, (stack, alias) => {
      // Loaded here, not at import: the mesh layers load this file and no cloud provider (lib/private/lazy-bindings.ts).
      const DataAzurermKubernetesCluster = dataAzurermKubernetesCluster();
      const cluster = new DataAzurermKubernetesCluster(stack, `${alias}-cluster`, {
        provider: cloudProviders().azureProvider(stack, options.subscriptionId),
        name: options.clusterName,
        resourceGroupName: options.resourceGroupName,
      });
      // User (not admin) credentials: host and CA only; the token comes from kubelogin,
      // since local accounts are disabled on clusters with Entra ID and Azure RBAC.
      const host = cluster.kubeConfig.get(0).host;
      const clusterCaCertificate = Fn.base64decode(cluster.kubeConfig.get(0).clusterCaCertificate);
      const exec = {
        apiVersion: EXEC_API_VERSION,
        command: 'kubelogin',
        args: ['get-token', '--login', mode, '--server-id', AKS_AAD_SERVER_APPLICATION_ID],
      };
      return {
        kubernetes: new KubernetesProvider(stack, `${alias}-kubernetes`, { alias, host, clusterCaCertificate, exec: [exec] }),
        helm: new HelmProvider(stack, `${alias}-helm`, { alias, kubernetes: { host, clusterCaCertificate, exec } }),
      };
    });
  }

  /** A GKE cluster, created by `GkeCluster` in another stack or existing already. */
  public static fromGkeCluster(options: GkeClusterConnectionOptions): ClusterConnection {
    const field = 'ClusterConnection.fromGkeCluster';
    assertNonEmpty(options.clusterName, `${field}.clusterName`, 'acme-gcp');
    assertNonEmpty(options.location, `${field}.location`, 'europe-west1');
    assertNonEmpty(options.project, `${field}.project`, 'acme-prod');
    const name = connectionName(field, options.clusterName, options.name);
    const key = ['gke', options.project, options.location, options.clusterName].join('/');
    return new ClusterConnection(options.clusterName, Cloud.GCP, name, key, (stack, alias) => {
      const provider = cloudProviders().googleProvider(stack, options.project);
      const DataGoogleContainerCluster = dataGoogleContainerCluster();
      const DataGoogleClientConfig = dataGoogleClientConfig();
      const cluster = new DataGoogleContainerCluster(stack, `${alias}-cluster`, {
        provider,
        name: options.clusterName,
        location: options.location,
        project: options.project,
      });
      const client = new DataGoogleClientConfig(stack, `${alias}-client-config`, { provider });
      const host = `https://${cluster.endpoint}`;
      const clusterCaCertificate = Fn.base64decode(cluster.masterAuth.get(0).clusterCaCertificate);
      // A short-lived OAuth token of whoever runs Terraform; nothing is stored or output.
      const token = client.accessToken;
      return {
        kubernetes: new KubernetesProvider(stack, `${alias}-kubernetes`, { alias, host, clusterCaCertificate, token }),
        helm: new HelmProvider(stack, `${alias}-helm`, { alias, kubernetes: { host, clusterCaCertificate, token } }),
      };
    });
  }

  /** A cluster reached through a kubeconfig file and context. */
  public static fromKubeconfig(options: KubeconfigConnectionOptions): ClusterConnection {
    const field = 'ClusterConnection.fromKubeconfig';
    assertNonEmpty(options.path, `${field}.path`, '~/.kube/config');
    if (options.context !== undefined) assertNonEmpty(options.context, `${field}.context`, 'my-cluster');
    const name = connectionName(field, options.context ?? 'kubeconfig', options.name);
    const key = ['kubeconfig', options.path, options.context ?? ''].join('/');
    return new ClusterConnection(name, undefined, name, key, (stack, alias) => ({
      kubernetes: new KubernetesProvider(stack, `${alias}-kubernetes`, { alias, configPath: options.path, configContext: options.context }),
      helm: new HelmProvider(stack, `${alias}-helm`, { alias, kubernetes: { configPath: options.path, configContext: options.context } }),
    }));
  }

  public readonly clusterName: string;
  public readonly cloud?: Cloud;
  /** The name providers are aliased after (sanitized) in consuming stacks; never a token. */
  public readonly connectionName: string;

  private constructor(
    clusterName: string,
    cloud: Cloud | undefined,
    name: string,
    private readonly key: string,
    private readonly factory: ProviderFactory,
  ) {
    this.clusterName = clusterName;
    this.cloud = cloud;
    this.connectionName = name;
  }

  public providers(scope: Construct): ClusterProviders {
    const stack = TerraformStack.of(scope);
    let byKey = providersByStack.get(stack);
    if (!byKey) {
      byKey = new Map();
      providersByStack.set(stack, byKey);
    }
    let providers = byKey.get(this.key);
    if (!providers) {
      providers = this.factory(stack, uniqueAlias(stack, providerAlias(this.connectionName)));
      byKey.set(this.key, providers);
    }
    return providers;
  }
}

/** A Terraform provider alias: letters, digits and `_`, starting with a letter. */
export function providerAlias(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `cluster_${cleaned}`;
}

function uniqueAlias(stack: TerraformStack, alias: string): string {
  let taken = aliasesByStack.get(stack);
  if (!taken) {
    taken = new Set();
    aliasesByStack.set(stack, taken);
  }
  let candidate = alias;
  for (let n = 2; taken.has(candidate); n++) candidate = `${alias}_${n}`;
  taken.add(candidate);
  return candidate;
}

function connectionName(field: string, clusterName: string, name: string | undefined): string {
  if (name !== undefined) {
    assertNonEmpty(name, `${field}.name`, 'azure');
    if (isUnresolved(name)) {
      throw new ValidationError(`${field}.name`, name, 'must be a plain string known at synth time (it names providers), e.g. "azure"');
    }
    return name;
  }
  if (isUnresolved(clusterName)) {
    throw new ValidationError(`${field}.name`, name, 'is required when clusterName is a token from another stack: it names the providers, e.g. "azure"');
  }
  return clusterName;
}
