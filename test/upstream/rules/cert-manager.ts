/**
 * How cert-manager (chart and controller v1.21.1) reads the release, ClusterIssuers and
 * Certificates we emit.
 */
import type { AppView, ResourceRef } from '../app-view';
import type { UpstreamRule, Violation } from '../types';
import { chartDefaults, effectiveValues } from './kubernetes-provider';

const CM = 'cert-manager/cert-manager@v1.21.1';
const VALUES = 'cert-manager/chart/values.yaml';

function certManagerReleases(app: AppView): ResourceRef[] {
  return app.resources('helm_release').filter((ref) => ref.config.chart === 'cert-manager');
}

function manifestsOf(app: AppView, kind: string): ResourceRef[] {
  return app.resources('kubernetes_manifest').filter((ref) => ref.config.manifest?.apiVersion === 'cert-manager.io/v1' && ref.config.manifest?.kind === kind);
}

const ISSUER_GO = `${CM}:internal/apis/certmanager/validation/issuer.go`;
const ISSUER_TYPES = ['acme', 'ca', 'selfSigned', 'vault', 'venafi'];
/** In the order ValidateACMEChallengeSolverDNS01 checks them. */
const DNS01_PROVIDERS = ['akamai', 'azureDNS', 'cloudDNS', 'cloudflare', 'route53', 'acmeDNS', 'digitalocean', 'rfc2136', 'webhook'];
/** Required fields per provider block, as that function checks them (secret references aside). */
const DNS01_REQUIRED: { [provider: string]: string[] } = { akamai: ['serviceConsumerDomain'], acmeDNS: ['host'], rfc2136: ['nameserver'], webhook: ['solverName'] };
const AZURE_ENVIRONMENTS = ['', 'AzurePublicCloud', 'AzureChinaCloud', 'AzureGermanCloud', 'AzureUSGovernmentCloud'];
const present = (value: unknown): boolean => value !== undefined && value !== null;
const nonEmpty = (value: unknown): boolean => typeof value === 'string' ? value.length > 0 : present(value);

/**
 * What cert-manager's webhook refuses in a ClusterIssuer spec, restated from
 * issuer.go#ValidateIssuerConfig, #ValidateACMEIssuerConfig, #ValidateACMEIssuerChallengeSolverConfig,
 * #ValidateACMEChallengeSolverDNS01 (the providers the library emits: azureDNS, cloudDNS,
 * route53) and #ValidateCAIssuerConfig. Returns the refused field paths with the reason.
 */
export function issuerAdmissionErrors(spec: any): string[] {
  const errors: string[] = [];
  const types = ISSUER_TYPES.filter((type) => present(spec?.[type]));
  if (types.length === 0) errors.push('spec: at least one issuer must be configured');
  if (types.length > 1) errors.push(`spec.${types[1]}: may not specify more than one issuer type`);
  if (present(spec?.ca) && !nonEmpty(spec.ca.secretName)) errors.push('spec.ca.secretName: Required');
  const acme = spec?.acme;
  if (present(acme)) {
    if (!nonEmpty(acme.privateKeySecretRef?.name)) errors.push('spec.acme.privateKeySecretRef.name: private key secret name is a required field');
    if (!nonEmpty(acme.server)) errors.push('spec.acme.server: acme server URL is a required field');
    (acme.solvers ?? []).forEach((solver: any, i: number) => {
      const at = `spec.acme.solvers[${i}]`;
      const kinds = ['http01', 'dns01'].filter((kind) => present(solver?.[kind]));
      if (kinds.length === 0) errors.push(`${at}: no solver type configured`);
      if (kinds.length > 1) errors.push(`${at}: may not specify more than one solver type in a single solver`);
      const dns01 = kinds.length === 1 ? solver.dns01 : undefined;
      if (!present(dns01)) return;
      if (nonEmpty(dns01.cnameStrategy) && !['None', 'Follow'].includes(dns01.cnameStrategy)) errors.push(`${at}.dns01.cnameStrategy: must be one of "None" or "Follow"`);
      // Counted in upstream's order; akamai and acmeDNS are counted without the "more than one" check.
      let count = 0;
      for (const provider of DNS01_PROVIDERS.filter((candidate) => present(dns01[candidate]))) {
        if (count > 0 && !['akamai', 'acmeDNS'].includes(provider)) errors.push(`${at}.dns01.${provider}: may not specify more than one provider type`);
        count++;
      }
      for (const provider of DNS01_PROVIDERS.filter((candidate) => present(dns01[candidate]))) {
        for (const required of DNS01_REQUIRED[provider] ?? []) if (!nonEmpty(dns01[provider][required])) errors.push(`${at}.dns01.${provider}.${required}: Required`);
      }
      const providers = DNS01_PROVIDERS.filter((provider) => present(dns01[provider]));
      if (providers.length === 0) errors.push(`${at}.dns01: no DNS01 provider configured`);
      const azure = providers[0] === 'azureDNS' ? dns01.azureDNS : undefined;
      if (azure) {
        const servicePrincipal = nonEmpty(azure.clientID) || nonEmpty(azure.tenantID) || present(azure.clientSecretSecretRef);
        if (servicePrincipal && present(azure.managedIdentity)) errors.push(`${at}.dns01.azureDNS.managedIdentity: managed identity cannot be used at the same time as clientID, clientSecretSecretRef or tenantID`);
        const identity = azure.managedIdentity;
        if (!servicePrincipal && present(identity) && nonEmpty(identity.clientID) && nonEmpty(identity.resourceID)) errors.push(`${at}.dns01.azureDNS.managedIdentity: managedIdentityClientID and managedIdentityResourceID cannot both be specified`);
        if (!nonEmpty(azure.subscriptionID)) errors.push(`${at}.dns01.azureDNS.subscriptionID: Required`);
        if (!nonEmpty(azure.resourceGroupName)) errors.push(`${at}.dns01.azureDNS.resourceGroupName: Required`);
        if (!AZURE_ENVIRONMENTS.includes(azure.environment ?? '')) errors.push(`${at}.dns01.azureDNS.environment: must be either empty or one of ${AZURE_ENVIRONMENTS.slice(1).join(', ')}`);
      }
      if (providers[0] === 'cloudDNS' && !nonEmpty(dns01.cloudDNS.project)) errors.push(`${at}.dns01.cloudDNS.project: Required`);
      const route53 = providers[0] === 'route53' ? dns01.route53 : undefined;
      if (route53 && nonEmpty(route53.accessKeyID) && present(route53.accessKeyIDSecretRef)) errors.push(`${at}.dns01.route53: accessKeyID and accessKeyIDSecretRef cannot both be specified`);
    });
  }
  return errors;
}

export const CERT_MANAGER_RULES: readonly UpstreamRule[] = [
  {
    id: 'CERT_MANAGER_ISSUER_ADMITTED',
    title: 'every ClusterIssuer passes cert-manager\'s webhook validation (one issuer type, ACME server and key Secret, one solver and one DNS-01 provider with its required fields, a CA Secret)',
    sources: [`${ISSUER_GO}#ValidateIssuerConfig`, `${ISSUER_GO}#ValidateACMEIssuerConfig`, `${ISSUER_GO}#ValidateACMEChallengeSolverDNS01`, `${ISSUER_GO}#ValidateCAIssuerConfig`],
    check: (app) =>
      manifestsOf(app, 'ClusterIssuer').flatMap((ref) =>
        issuerAdmissionErrors(ref.config.manifest.spec).map((error) => ({ address: ref.address, message: `ClusterIssuer ${ref.config.manifest.metadata?.name}: ${error}` })),
      ),
  },
  {
    id: 'CERT_MANAGER_CRDS_INSTALLED',
    title: 'a cluster that gets cert-manager.io objects has a cert-manager release that installs the CRDs',
    sources: [
      // crds.enabled defaults to false: the chart then renders no CRD ...
      `${CM}:deploy/charts/cert-manager/values.yaml#crds.enabled`,
      `${CM}:deploy/charts/cert-manager/templates/crd-cert-manager.io_certificates.yaml`,
      // ... and kubernetes_manifest cannot plan a kind the API server does not know.
      'hashicorp/terraform-provider-kubernetes@v2.38.0:manifest/provider/plan.go#PlanResourceChange',
    ],
    check: (app) => {
      const installing = new Set(
        certManagerReleases(app)
          .filter((release) => {
            const values = effectiveValues(release, chartDefaults(VALUES));
            return values.crds?.enabled === true || values.installCRDs === true;
          })
          .map((release) => app.clusterOf(release)),
      );
      return app
        .resources('kubernetes_manifest')
        .filter((ref) => String(ref.config.manifest?.apiVersion ?? '').startsWith('cert-manager.io/'))
        .filter((ref) => !installing.has(app.clusterOf(ref)))
        .map((ref) => ({ address: ref.address, message: `${ref.config.manifest.kind} in cluster ${app.clusterOf(ref)}, where no cert-manager release sets crds.enabled: true` }));
    },
  },
  {
    id: 'CERT_MANAGER_ISSUER_EXISTS',
    title: 'every Certificate names a ClusterIssuer (or Issuer) the app creates in its cluster',
    sources: [`${CM}:pkg/controller/certificaterequests/sync.go#Sync`, `${CM}:internal/apis/certmanager/validation/certificate.go#ValidateCertificateSpec`],
    check: (app) => {
      const clusterIssuers = new Set(manifestsOf(app, 'ClusterIssuer').map((ref) => `${app.clusterOf(ref)}/${ref.config.manifest.metadata?.name}`));
      const issuers = new Set(manifestsOf(app, 'Issuer').map((ref) => `${app.clusterOf(ref)}/${ref.config.manifest.metadata?.namespace}/${ref.config.manifest.metadata?.name}`));
      return manifestsOf(app, 'Certificate').flatMap((ref) => {
        const m = ref.config.manifest;
        const issuerRef = m.spec?.issuerRef ?? {};
        const kind = issuerRef.kind ?? 'Issuer';
        const group = issuerRef.group ?? 'cert-manager.io';
        if (group !== 'cert-manager.io') return [];
        const found = kind === 'ClusterIssuer'
          ? clusterIssuers.has(`${app.clusterOf(ref)}/${issuerRef.name}`)
          : issuers.has(`${app.clusterOf(ref)}/${m.metadata?.namespace}/${issuerRef.name}`);
        return found ? [] : [{ address: ref.address, message: `issuerRef ${kind}/${issuerRef.name} exists nowhere in cluster ${app.clusterOf(ref)}: the certificate is never issued` }];
      });
    },
  },
  {
    id: 'CERT_MANAGER_CA_SECRET_IN_RESOURCE_NAMESPACE',
    title: "a CA ClusterIssuer's secret is issued into cert-manager's cluster resource namespace",
    sources: [
      // The controller runs with --cluster-resource-namespace=$(POD_NAMESPACE) unless clusterResourceNamespace is set ...
      `${CM}:deploy/charts/cert-manager/templates/deployment.yaml#cluster-resource-namespace`,
      // ... and a ClusterIssuer reads its secrets from that namespace.
      `${CM}:pkg/issuer/ca/setup.go#Setup`,
    ],
    check: (app) => {
      const resourceNamespace = new Map<string | undefined, string>();
      for (const release of certManagerReleases(app)) {
        const values = effectiveValues(release, chartDefaults(VALUES));
        resourceNamespace.set(app.clusterOf(release), values.clusterResourceNamespace || String(release.config.namespace ?? 'default'));
      }
      const secrets = new Set(manifestsOf(app, 'Certificate').map((ref) => `${app.clusterOf(ref)}/${ref.config.manifest.metadata?.namespace}/${ref.config.manifest.spec?.secretName}`));
      const violations: Violation[] = [];
      for (const ref of manifestsOf(app, 'ClusterIssuer')) {
        const secretName = ref.config.manifest.spec?.ca?.secretName;
        if (!secretName) continue;
        const namespace = resourceNamespace.get(app.clusterOf(ref));
        if (!namespace || !secrets.has(`${app.clusterOf(ref)}/${namespace}/${secretName}`)) {
          violations.push({ address: ref.address, message: `CA secret ${secretName} is issued by no Certificate in the cluster resource namespace ${namespace ?? '(no cert-manager release)'}: the issuer never becomes ready` });
        }
      }
      return violations;
    },
  },
  {
    id: 'CERT_MANAGER_PDB_ONE_BOUND',
    title: 'each cert-manager PodDisruptionBudget sets minAvailable or maxUnavailable, not both',
    sources: [
      // The templates render every key that is present (hasKey), and the API server refuses a PDB with both.
      `${CM}:deploy/charts/cert-manager/templates/poddisruptionbudget.yaml`,
      `${CM}:deploy/charts/cert-manager/templates/webhook-poddisruptionbudget.yaml`,
      'kubernetes/kubernetes@v1.33.0:pkg/apis/policy/validation/validation.go#ValidatePodDisruptionBudgetSpec',
    ],
    check: (app) =>
      certManagerReleases(app).flatMap((release) => {
        const values = effectiveValues(release, chartDefaults(VALUES));
        return [['podDisruptionBudget', values.podDisruptionBudget], ['webhook.podDisruptionBudget', values.webhook?.podDisruptionBudget], ['cainjector.podDisruptionBudget', values.cainjector?.podDisruptionBudget]]
          .filter(([, pdb]) => pdb?.enabled && 'minAvailable' in pdb && 'maxUnavailable' in pdb)
          .map(([path]) => ({ address: release.address, message: `${path} has both minAvailable and maxUnavailable: the PodDisruptionBudget is rejected and the release fails` }));
      }),
  },
];
