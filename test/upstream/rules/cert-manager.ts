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

export const CERT_MANAGER_RULES: readonly UpstreamRule[] = [
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
