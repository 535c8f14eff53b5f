/**
 * Stage 2, "platform": Helm releases and plain Kubernetes objects. Reaches clusters
 * only through `connection.providers(...)`, i.e. data sources looked up by name.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { KongGateway } from '../gateway/kong-gateway';
import { ControlPlaneDatabaseConnection } from '../mesh/control-plane-database';
import { IGlobalControlPlane } from '../mesh/control-plane';
import { GlobalControlPlane, GlobalControlPlanePlacement } from '../mesh/global-control-plane';
import { ExternalGlobalControlPlane } from '../mesh/external-global-control-plane';
import { MeshDistribution } from '../mesh/mesh-distribution';
import { MeshNamespace } from '../mesh/mesh-namespace';
import { ZoneControlPlane } from '../mesh/zone-control-plane';
import { CertManager } from '../tls/cert-manager';
import { CONNECTIVITY_CHECK_POD_LABELS } from '../workloads/connectivity-check';
import { MeshedApi } from '../workloads/meshed-api';
import { waitFor } from '../private/ordering';
import { ValidationError } from '../private/validation';
import { InfraStage } from './_infra-stage';
import { orderAfterCloudAddons } from './_cloud-addons';
import type { CrossCloudMeshSecrets } from './cross-cloud-mesh';
import { platformSecretInputs, topologyDatabaseConnection } from './_platform-secrets';
import { GlobalPlacement, MeshDistributionName, TopologySpec } from './topology-spec';
import { TopologyPlan } from './topology-plan';

/** Namespace of the connectivity-check Jobs (meshed, so mesh host names resolve). */
export const CHECKS_NAMESPACE = 'mesh-checks';
/** Name of the connectivity-check workload: its pod label and its identity Service. */
export const CHECK_CLIENT_NAME = 'connectivity-check';

export interface PlatformStage {
  readonly global: IGlobalControlPlane & Construct;
  readonly zones: Map<string, ZoneControlPlane>;
  readonly gateways: Map<string, KongGateway>;
  /** APIs by `<api>/<zone>`. */
  readonly apis: Map<string, MeshedApi>;
  readonly distribution: MeshDistribution;
}

export function buildPlatformStage(
  platform: TerraformStack,
  spec: TopologySpec,
  plan: TopologyPlan,
  infra: InfraStage,
  externalGlobalCaCertificatePem: string | undefined,
  givenSecrets: CrossCloudMeshSecrets = {},
): PlatformStage {
  const secrets = platformSecretInputs(platform, spec, givenSecrets);
  const ephemeral = spec.ephemeral ?? false;
  const meshName = plan.meshName;
  const distribution =
    spec.mesh.distribution === MeshDistributionName.KONG_MESH
      ? MeshDistribution.kongMesh({ license: secrets.kongMeshLicense, licenseSecretName: spec.mesh.licenseSecretName, chartVersion: spec.mesh.version })
      : MeshDistribution.kuma({ chartVersion: spec.mesh.version });

  // Only the zones' clusters may open KDS sessions or send cross-zone traffic, where their
  // egress addresses are known.
  const zoneEgressRanges = zoneEgressSourceRanges(spec, infra);
  const global = buildGlobal(platform, spec, infra, externalGlobalCaCertificatePem, secrets, distribution, zoneEgressRanges);

  const zones = new Map<string, ZoneControlPlane>();
  for (const zone of spec.zones) {
    zones.set(
      zone.name,
      new ZoneControlPlane(platform, `zone-${zone.name}`, {
        connection: infra.clusters.get(zone.cluster)!.connection,
        zoneName: zone.name,
        globalControlPlane: global,
        distribution,
        ingressAddress: infra.zoneIngressAddresses.get(zone.name),
        ingressAllowedSourceRanges: zoneEgressRanges,
        ephemeral,
      }),
    );
  }

  // One namespace per (cluster, name): gateways, APIs and checks may share one.
  const namespaces = new Map<string, MeshNamespace>();
  const namespace = (clusterName: string, name: string): MeshNamespace => {
    const key = `${clusterName}/${name}`;
    let created = namespaces.get(key);
    if (!created) {
      created = new MeshNamespace(platform, `namespace-${clusterName}-${name}`, {
        connection: infra.clusters.get(clusterName)!.connection,
        name,
        mesh: meshName,
      });
      namespaces.set(key, created);
    }
    return created;
  };

  /**
   * A meshed workload needs its namespace, and the zone control plane whose webhook
   * injects its sidecar: a pod created before the webhook exists runs without one, and
   * STRICT mTLS then refuses it. On destroy the order reverses, so the workload goes
   * while its namespace and the control plane still stand.
   */
  const placeMeshedWorkload = (workload: Construct, clusterName: string, namespaceName: string): void => {
    const zone = spec.zones.find((candidate) => candidate.cluster === clusterName);
    const injector = zone ? [zones.get(zone.name)!.release] : [];
    waitFor(workload, namespace(clusterName, namespaceName).resource, ...injector);
  };

  const certManagers = new Map<string, CertManager>();
  const gateways = new Map<string, KongGateway>();
  for (const gateway of plan.gateways) {
    const gatewaySpec = spec.gateways.find((candidate) => candidate.name === gateway.name)!;
    const cluster = infra.clusters.get(gateway.cluster)!;
    if (!certManagers.has(gateway.cluster)) {
      const solver = infra.solvers.get(gateway.cluster);
      certManagers.set(
        gateway.cluster,
        new CertManager(platform, `cert-manager-${gateway.cluster}`, {
          connection: cluster.connection,
          workloadIdentity: solver?.workloadIdentity,
          ephemeral,
        }),
      );
    }
    const kong = new KongGateway(platform, `gateway-${gateway.name}`, {
      connection: cluster.connection,
      namespace: gateway.namespace,
      name: gateway.name,
      proxyAddress: infra.gatewayAddresses.get(gateway.name)!,
      loadBalancerSourceRanges: gatewaySpec.sourceRanges,
      replicas: gatewaySpec.replicas,
      ephemeral,
      defaultCertificateSecretName: certificateSecretName(gateway.name),
      certificateDnsNames: gateway.certificateDnsNames,
      acceptMeshTraffic: gateway.acceptsMeshTraffic,
    });
    placeMeshedWorkload(kong, gateway.cluster, gateway.namespace);
    const expectedMeshService = gateway.acceptsMeshTraffic ? gateway.meshServiceName : undefined;
    if (kong.proxyServiceName !== gateway.proxyServiceName || kong.meshServiceName !== expectedMeshService) {
      throw new ValidationError(
        `gateways[${spec.gateways.indexOf(gatewaySpec)}]`,
        [kong.proxyServiceName, kong.meshServiceName],
        `are the Services of gateway "${gateway.name}", but the plan expected "${gateway.proxyServiceName}" and "${expectedMeshService}"; keep KongGateway and planTopology in step`,
      );
    }
    gateways.set(gateway.name, kong);
  }

  const apis = new Map<string, MeshedApi>();
  for (const api of plan.apis) {
    const apiSpec = (spec.apis ?? []).find((candidate) => candidate.name === api.name)!;
    for (const zoneName of api.zones) {
      const zone = spec.zones.find((candidate) => candidate.name === zoneName)!;
      const workload = new MeshedApi(platform, `api-${api.name}-${zoneName}`, {
        connection: infra.clusters.get(zone.cluster)!.connection,
        name: api.name,
        namespace: api.namespace,
        port: api.port,
        image: apiSpec.image,
        zoneName,
        ephemeral,
      });
      placeMeshedWorkload(workload, zone.cluster, api.namespace);
      apis.set(`${api.name}/${zoneName}`, workload);
    }
  }

  if (connectivityChecksEnabled(spec)) {
    for (const clusterName of new Set(plan.gateways.map((gateway) => gateway.cluster))) {
      // Kuma derives a workload's identity tags (`k8s.kuma.io/service-name`) from the
      // Services that select it; the check Jobs get one so permissions can name them.
      const identity = new ServiceV1(platform, `checks-identity-${clusterName}`, {
        provider: infra.clusters.get(clusterName)!.connection.providers(platform).kubernetes,
        metadata: { name: CHECK_CLIENT_NAME, namespace: CHECKS_NAMESPACE },
        spec: {
          type: 'ClusterIP',
          selector: { ...CONNECTIVITY_CHECK_POD_LABELS },
          port: [{ name: 'identity', port: 80, targetPort: '8080' }],
        },
      });
      placeMeshedWorkload(identity, clusterName, CHECKS_NAMESPACE);
    }
  }

  const built = { global, zones, gateways, apis, distribution };
  orderAfterCloudAddons(platform, spec, plan, infra, built);
  return built;
}

/** Secret holding a gateway's wildcard certificate (written by cert-manager in the mesh stage). */
export function certificateSecretName(gatewayName: string): string {
  return `${gatewayName}-tls`;
}

export function connectivityChecksEnabled(spec: TopologySpec): boolean {
  return spec.connectivityChecks ?? spec.ephemeral ?? false;
}

/**
 * The global of the topology's placement: one the library runs (`dedicated-cluster`,
 * `universal-postgres`), or an existing one (`external`). Same construct id either way.
 */
function buildGlobal(
  platform: TerraformStack,
  spec: TopologySpec,
  infra: InfraStage,
  externalCa: string | undefined,
  secrets: CrossCloudMeshSecrets,
  distribution: MeshDistribution,
  kdsAllowedSourceRanges: string[] | undefined,
): IGlobalControlPlane & Construct {
  const global = spec.mesh.global;
  const runByLibrary = (placement: GlobalControlPlanePlacement) =>
    new GlobalControlPlane(platform, 'global', { placement, distribution, ephemeral: spec.ephemeral ?? false, kdsAllowedSourceRanges });
  switch (global.placement) {
    case GlobalPlacement.DEDICATED_CLUSTER:
      return runByLibrary(
        GlobalControlPlanePlacement.dedicatedCluster({
          connection: infra.clusters.get(global.cluster!)!.connection,
          kdsAddress: infra.kdsAddress!,
          kdsHostname: global.kdsHostname,
        }),
      );
    case GlobalPlacement.UNIVERSAL_POSTGRES: {
      const database: ControlPlaneDatabaseConnection = topologyDatabaseConnection(global.database!, secrets);
      return runByLibrary(
        GlobalControlPlanePlacement.universalOnKubernetes({
          connection: infra.clusters.get(global.cluster!)!.connection,
          kdsAddress: infra.kdsAddress!,
          database,
        }),
      );
    }
    default: {
      if (externalCa === undefined) {
        throw new ValidationError(
          'mesh.global.external.caCertificateFile',
          global.external?.caCertificateFile,
          'must name a readable PEM file (loadTopology reads it), or pass externalGlobalCaCertificatePem to CrossCloudMesh',
        );
      }
      const runner = spec.zones[0];
      return new ExternalGlobalControlPlane(platform, 'global', {
        kdsGlobalAddress: global.external!.kdsAddress,
        caCertificatePem: externalCa,
        distribution,
        apiUrl: global.external!.apiUrl,
        adminTokenSecretName: global.external!.adminTokenSecretName,
        runnerConnection: infra.clusters.get(runner.cluster)!.connection,
      });
    }
  }
}

/** Egress addresses of every zone cluster the topology created, as /32 ranges. */
function zoneEgressSourceRanges(spec: TopologySpec, infra: InfraStage): string[] | undefined {
  const zoneClusters = spec.zones.map((zone) => infra.clusters.get(zone.cluster)!);
  // An existing cluster's egress is unknown here: leave KDS open rather than lock a zone out.
  if (zoneClusters.some((cluster) => cluster.egressAddresses.length === 0)) return undefined;
  return zoneClusters.flatMap((cluster) => cluster.egressAddresses.map((address) => `${address}/32`));
}
