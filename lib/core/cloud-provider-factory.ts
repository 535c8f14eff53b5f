/**
 * How the library makes its azurerm and google providers: one per stack and cloud
 * account, since cdktf providers belong to a stack and the library creates the stacks.
 *
 * The default factory writes the account's topology settings (`accounts.azure.provider`,
 * `accounts.gcp.provider`) into the provider block. Subclass it to set anything else,
 * e.g. a client certificate path read from your CI, and pass it as
 * `CrossCloudMeshProps.providerFactory`; the library calls it once per stack and account.
 */
import { Construct } from 'constructs';
import { AzurermProvider, AzurermProviderConfig } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider, GoogleProviderConfig } from '@cdktf/provider-google/lib/provider';
import { AzureProviderSettingsSpec, GcpProviderSettingsSpec } from './topology-spec';

/** What the library needs from an azurerm provider. */
export interface AzurermProviderRequest {
  /** The subscription the provider must manage. */
  readonly subscriptionId: string;
  /** The alias the provider must have; undefined for the stack's default provider. */
  readonly alias?: string;
  /** The account's settings from the topology. @default none */
  readonly settings?: AzureProviderSettingsSpec;
}

/** What the library needs from a google provider. */
export interface GoogleProviderRequest {
  /** The project the provider must manage. */
  readonly project: string;
  /** Default region of the provider. @default none */
  readonly region?: string;
  /** The alias the provider must have; undefined for the stack's default provider. */
  readonly alias?: string;
  /** The account's settings from the topology. @default none */
  readonly settings?: GcpProviderSettingsSpec;
}

/** The azurerm provider block the library asks for; spread it into your own config to add settings. */
export function azurermProviderConfig(request: AzurermProviderRequest): AzurermProviderConfig {
  const settings = request.settings ?? {};
  return {
    subscriptionId: request.subscriptionId,
    // azurerm 4.x requires the block (hashicorp/terraform-provider-azurerm@v4.55.0:internal/provider/provider.go, "features").
    features: [{}],
    // Resource providers are registered once per subscription by its owner, not by every deploy.
    resourceProviderRegistrations: 'none',
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    environment: settings.environment,
    useOidc: settings.useOidc,
    oidcTokenFilePath: settings.oidcTokenFilePath,
    useMsi: settings.useMsi,
    useCli: settings.useCli,
    useAksWorkloadIdentity: settings.useAksWorkloadIdentity,
    alias: request.alias,
  };
}

/** The google provider block the library asks for; spread it into your own config to add settings. */
export function googleProviderConfig(request: GoogleProviderRequest): GoogleProviderConfig {
  const settings = request.settings ?? {};
  return {
    project: request.project,
    region: request.region,
    impersonateServiceAccount: settings.impersonateServiceAccount,
    impersonateServiceAccountDelegates: settings.impersonateServiceAccountDelegates,
    billingProject: settings.billingProject,
    userProjectOverride: settings.userProjectOverride,
    alias: request.alias,
  };
}

/**
 * Creates the library's cloud providers. Override a method to configure the provider
 * yourself; it must be created in `scope` with `id`, and keep the request's
 * subscription or project and alias (the library checks the alias and the stack).
 */
export class CloudProviderFactory {
  /** The azurerm provider for `request.subscriptionId` in the stack `scope`. */
  public createAzurermProvider(scope: Construct, id: string, request: AzurermProviderRequest): AzurermProvider {
    return new AzurermProvider(scope, id, azurermProviderConfig(request));
  }

  /** The google provider for `request.project` in the stack `scope`. */
  public createGoogleProvider(scope: Construct, id: string, request: GoogleProviderRequest): GoogleProvider {
    return new GoogleProvider(scope, id, googleProviderConfig(request));
  }
}
