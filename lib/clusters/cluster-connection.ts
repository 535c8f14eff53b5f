/**
 * How a later-stage stack reaches a Kubernetes cluster.
 *
 * Only the cluster's name (and where to find it) crosses stacks; credentials are
 * looked up in the consuming stack by a data source, never passed through outputs.
 */
import { Construct } from 'constructs';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Cloud } from '../core/cloud';

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
   * The providers for this cluster in the stack that contains `scope`, aliased so
   * several clusters can live in one stack. Created on first call per stack, then reused.
   */
  providers(scope: Construct): ClusterProviders;
}
