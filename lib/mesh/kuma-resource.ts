/**
 * The typed shape every Kuma resource model renders to, and where resources are delivered.
 *
 * One set of models, two delivery paths: a Kubernetes-mode global receives custom
 * resources (`kubernetes_manifest`); a Universal or external global receives the
 * same resources through its API (`kumactl apply`). Both go through
 * {@link IKumaResourceSink}.
 */
import { Construct } from 'constructs';

/** Object metadata of a Kuma resource in its Kubernetes form. */
export interface KumaResourceMetadata {
  readonly name: string;
  /** The control plane's system namespace for resources on the global. */
  readonly namespace?: string;
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
}

/** A Kuma resource in its Kubernetes form (`apiVersion: kuma.io/v1alpha1`). */
export interface KumaResource {
  readonly apiVersion: 'kuma.io/v1alpha1';
  readonly kind: string;
  readonly metadata: KumaResourceMetadata;
  /** Old-style resources (Mesh) put the mesh name at the top level on Kubernetes. */
  readonly mesh?: string;
  readonly spec?: { [key: string]: unknown };
}

/** Somewhere Kuma resources can be planned: a Kubernetes-mode global or a global's API. */
export interface IKumaResourceSink {
  /** Plans `resource` in the stack that contains `scope`. `id` is unique within `scope`. */
  apply(scope: Construct, id: string, resource: KumaResource): void;
}
