/**
 * A zone control plane with zone ingress (and, on request, egress), in one cluster (stage "platform").
 *
 * Follows "Set up the zone control planes" in kuma.io/docs/2.13.x/production/cp-deployment/multi-zone/:
 * `controlPlane.mode: zone`, `controlPlane.zone`, `controlPlane.kdsGlobalAddress:
 * grpcs://<global>:5685`, `ingress.enabled`, `egress.enabled`; the global's CA in the
 * Secret named by `controlPlane.tls.kdsZoneClient.secretName` (key `ca.crt`), so the
 * zone verifies KDS. The zone ingress Service binds the zone's reserved address, and
 * the ingress pods advertise it (`kuma.io/ingress-public-address`), so other zones
 * know where to send cross-zone traffic before any Service has an address.
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Release } from '@cdktf/provider-helm/lib/release';
import { IClusterConnection } from '../clusters/cluster-connection';
import { IReservedAddress } from '../network/reserved-address';
import { ValidationError, assertDns1123Label, assertIntegerInRange, assertIpv4Cidr, assertNonEmpty } from '../private/validation';
import { IGlobalControlPlane, IZoneControlPlane, assertKdsGlobalAddress, assertZoneToken } from './control-plane';
import { KDS_TLS_WAIVER } from './kds-tls';
import { availability, zoneControlPlaneValues } from './kuma-values';
import { mergeValues, renderValues } from '../private/helm-values';
import { ControlPlaneSecretEnv, LICENSE_SECRET_KEY, MeshDistribution } from './mesh-distribution';

export interface ZoneControlPlaneProps {
  /** The zone's cluster. */
  readonly connection: IClusterConnection;
  /** Zone name: a DNS-1123 label (it appears in mesh host names, e.g. `svc.<zone>.mesh.local`). */
  readonly zoneName: string;
  /** The global the zone joins over KDS. */
  readonly globalControlPlane: IGlobalControlPlane;
  /**
   * Kuma or Kong Mesh; must match the global's (`globalControlPlane.distribution`).
   * @default the global's distribution
   */
  readonly distribution?: MeshDistribution;
  /**
   * Reserved public address of the zone ingress Service (same cloud as the cluster).
   * @default an address the cloud assigns when the Service is created
   */
  readonly ingressAddress?: IReservedAddress;
  /**
   * CIDRs allowed to reach the zone ingress (`ingress.service.loadBalancerSourceRanges`):
   * the other zones' egress addresses.
   * @default no restriction (cross-zone traffic is mTLS between proxies)
   */
  readonly ingressAllowedSourceRanges?: string[];
  /**
   * Deploy a zone egress. It carries only traffic to external services: with
   * `meshServices.mode: Exclusive` (the library's Mesh) a remote MeshService's endpoints are
   * the remote zone ingresses whatever `routing.zoneEgress` says
   * (kumahq/kuma@v2.14.3:pkg/xds/topology/outbound.go#fillRemoteMeshServices), so cross-zone
   * traffic never passes it; MeshExternalServices always go through it
   * (#fillExternalServicesOutboundsThroughEgress). Turn it on when the mesh gets
   * MeshExternalServices.
   * @default false: the library creates no external service, and an egress that carries
   * nothing is one more Deployment, identity and upgrade to run
   */
  readonly egress?: boolean;
  /**
   * Ephemeral environment: one replica per component, no disruption budgets.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Control plane replicas (ingress and egress get at least 2 outside ephemeral mode).
   * @default 2, or 1 when ephemeral
   */
  readonly replicas?: number;
  /**
   * Chart version.
   * @default the distribution's chart version
   */
  readonly chartVersion?: string;
  /**
   * Helm install/upgrade timeout in seconds.
   * @default 600
   */
  readonly timeoutSeconds?: number;
  /**
   * Chart values merged last, in the chart's own shape (under `kuma:` for Kong Mesh).
   * @default none
   */
  readonly extraValues?: { [key: string]: any };
}

/** A zone control plane (Helm release) with zone ingress, and zone egress when asked for. */
export class ZoneControlPlane extends Construct implements IZoneControlPlane {
  public readonly zoneName: string;
  public readonly connection: IClusterConnection;
  public readonly systemNamespace: string;
  public readonly distribution: MeshDistribution;
  /** Reserved address of the zone ingress, when given. */
  public readonly ingressAddress?: IReservedAddress;
  /** The Helm release: depend on it before creating meshed workloads in this cluster. */
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: ZoneControlPlaneProps) {
    super(scope, id);
    const path = this.node.path;
    assertDns1123Label(props.zoneName, `${path}.zoneName`, 'zone name');
    if (!props.connection) throw new ValidationError(`${path}.connection`, undefined, 'is required: the cluster the zone runs in');
    const global = props.globalControlPlane;
    if (!global) throw new ValidationError(`${path}.globalControlPlane`, undefined, 'is required: the global control plane the zone joins');
    assertKdsGlobalAddress(global.kdsGlobalAddress, `${path}.globalControlPlane.kdsGlobalAddress`);
    assertIntegerInRange(props.replicas, `${path}.replicas`, 1, 10);
    assertIntegerInRange(props.timeoutSeconds, `${path}.timeoutSeconds`, 60, 3600);

    // Everything checked here comes from the IGlobalControlPlane contract, whoever implements it.
    const globalDistribution = global.distribution;
    if (!globalDistribution) {
      throw new ValidationError(`${path}.globalControlPlane.distribution`, globalDistribution, 'is required: the global must say whether it runs Kuma or Kong Mesh (a MeshDistribution), since its zones must run the same');
    }
    let distribution = props.distribution ?? globalDistribution;
    if (distribution.name !== globalDistribution.name) {
      throw new ValidationError(`${path}.distribution`, distribution.name, `must match the global's distribution ("${globalDistribution.name}"): zones and global run the same product`);
    }
    if (props.chartVersion !== undefined) {
      assertNonEmpty(props.chartVersion, `${path}.chartVersion`, distribution.chart.version);
      const options = { chartVersion: props.chartVersion, chartRepository: distribution.chart.repository };
      distribution = distribution.isKongMesh
        ? MeshDistribution.kongMesh({ ...options, license: distribution.license, licenseSecretName: distribution.licenseSecretName })
        : MeshDistribution.kuma(options);
    }
    const ingressAddress = props.ingressAddress;
    if (ingressAddress && props.connection.cloud !== undefined && ingressAddress.cloud !== props.connection.cloud) {
      throw new ValidationError(`${path}.ingressAddress`, ingressAddress.cloud, `is reserved on another cloud than the cluster (${props.connection.cloud}): a LoadBalancer can only bind an address of its own cloud`);
    }
    const sourceRanges = props.ingressAllowedSourceRanges;
    if (sourceRanges !== undefined && sourceRanges.length === 0) {
      throw new ValidationError(`${path}.ingressAllowedSourceRanges`, sourceRanges, 'must name at least one CIDR, or be left out to allow any source');
    }
    (sourceRanges ?? []).forEach((range, index) => assertIpv4Cidr(range, `${path}.ingressAllowedSourceRanges[${index}]`));

    // Verification is skipped only where the global's owner opted in (then it has no CA).
    const caPem = global.kdsCaCertificatePem;
    const skipVerify = global.insecureSkipKdsVerify === true;
    if (!skipVerify && caPem === undefined) {
      throw new ValidationError(`${path}.globalControlPlane.kdsCaCertificatePem`, undefined, 'is required to verify KDS: the global must expose the CA of its KDS certificate (or opt into insecureSkipKdsVerify on the GlobalControlPlane)');
    }
    // With skip-verify the zone's KDS client sets InsecureSkipVerify beside RootCAs, and Go then
    // checks no chain at all (kumahq/kuma@v2.14.3:pkg/kds/mux/client.go#tlsConfig): a CA next to
    // it would look like verification and be none.
    if (skipVerify && caPem !== undefined) {
      throw new ValidationError(`${path}.globalControlPlane.insecureSkipKdsVerify`, true, 'contradicts the global\'s kdsCaCertificatePem: a global that publishes the CA of its KDS certificate must let zones verify it; answer insecureSkipKdsVerify false');
    }
    const zoneToken = global.zoneTokenFor(props.zoneName);
    if (zoneToken !== undefined) assertZoneToken(zoneToken, `${path}.globalControlPlane.zoneTokenFor("${props.zoneName}")`);
    if (zoneToken !== undefined && !distribution.isKongMesh) {
      throw new ValidationError(`${path}.globalControlPlane.distribution`, distribution.name, 'runs Kuma, but the global hands this zone a zone token: zone tokens authenticate zones to Kong Mesh / Konnect globals only; the global must run MeshDistribution.kongMesh(), or give no token');
    }

    this.zoneName = props.zoneName;
    this.connection = props.connection;
    this.distribution = distribution;
    this.systemNamespace = distribution.systemNamespace;
    this.ingressAddress = ingressAddress;
    const providers = props.connection.providers(this);
    const release = distribution.releaseName;

    const namespace = new NamespaceV1(this, 'namespace', {
      provider: providers.kubernetes,
      metadata: { name: this.systemNamespace, labels: { 'kuma.io/system-namespace': 'true' } },
    });
    const dependencies: ITerraformDependable[] = [namespace];
    const secret = (secretId: string, name: string, data: { [key: string]: string }): void => {
      dependencies.push(
        new SecretV1(this, secretId, {
          provider: providers.kubernetes,
          metadata: { name, namespace: namespace.metadata.name },
          data,
        }),
      );
    };

    let kdsCaSecretName: string | undefined;
    if (caPem !== undefined) {
      kdsCaSecretName = `${release}-kds-global-ca`;
      secret('kds-ca', kdsCaSecretName, { 'ca.crt': caPem });
    }
    const secrets: ControlPlaneSecretEnv[] = [];
    if (distribution.license !== undefined) secret('license', distribution.licenseSecretName!, { [LICENSE_SECRET_KEY]: distribution.license });
    const licenseEnv = distribution._licenseSecretEnv();
    if (licenseEnv) secrets.push(licenseEnv);
    if (zoneToken !== undefined) {
      // As in the Kong Mesh federated-zone production values: the CP token from a Secret.
      const tokenSecret = `${release}-global-cp-token`;
      secret('zone-token', tokenSecret, { token: zoneToken });
      secrets.push({ Env: 'KMESH_MULTIZONE_ZONE_KDS_AUTH_CP_TOKEN_INLINE', Secret: tokenSecret, Key: 'token' });
    }

    const values = zoneControlPlaneValues({
      zoneName: props.zoneName,
      kdsGlobalAddress: global.kdsGlobalAddress,
      availability: availability(props.ephemeral ?? false, props.replicas),
      kdsCaSecretName,
      skipKdsVerify: skipVerify,
      ingress: ingressAddress ? { address: ingressAddress.address, annotations: ingressAddress.serviceAnnotations, sourceRanges } : undefined,
      egress: props.egress ?? false,
      secrets,
    });
    const valuesWithRanges = !ingressAddress && sourceRanges ? mergeValues(values, { ingress: { service: { loadBalancerSourceRanges: sourceRanges } } }) : values;

    // A zone planned beside the global it joins waits for it, so KDS answers at first start.
    dependencies.push(...global.zoneReleasePrerequisites(this));

    this.release = new Release(this, 'release', {
      provider: providers.helm,
      name: release,
      namespace: namespace.metadata.name,
      repository: distribution.chart.repository,
      chart: distribution.chart.chart,
      version: distribution.chart.version,
      createNamespace: false,
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: props.timeoutSeconds ?? 600,
      maxHistory: 10,
      values: [renderValues(mergeValues(distribution.wrapValues(valuesWithRanges), props.extraValues))],
      dependsOn: dependencies,
    });
    if (skipVerify) this.release.addOverride(`//.waivers.${KDS_TLS_WAIVER}`, 'insecureSkipKdsVerify');
  }
}
