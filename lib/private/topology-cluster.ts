/**
 * A cluster of the topology as each cloud's seam implementation hands it to later stages
 * (lib/core/cloud-support.ts#CloudCluster): the topology's spec beside the cluster construct,
 * created or imported, that answers for it. Each cloud subclasses it, so that its own code
 * can tell its clusters apart and reach the construct's cloud-specific members.
 */
import type { ICluster } from '../clusters/cluster';
import type { IClusterConnection } from '../clusters/cluster-connection';
import type { Cloud } from '../core/cloud';
import type { CloudCluster } from '../core/cloud-support';
import type { ClusterSpec } from '../core/topology-spec';
import type { IReservedAddress } from '../network/reserved-address';

export class TopologyCluster<C extends ICluster> implements CloudCluster {
  /**
   * @param connection how later stacks reach the cluster; the construct's own unless a cloud
   * connects otherwise (EKS with a named AWS profile)
   */
  constructor(
    public readonly spec: ClusterSpec,
    public readonly cluster: C,
    public readonly connection: IClusterConnection = cluster.connection,
  ) {}
  public get cloud(): Cloud {
    return this.cluster.cloud;
  }
  public get region(): string {
    return this.cluster.region;
  }
  public get egressAddresses(): string[] {
    return this.cluster.egressAddresses;
  }
  public reserveAddress(id: string): IReservedAddress {
    return this.cluster.reservePublicAddress(id);
  }
}
