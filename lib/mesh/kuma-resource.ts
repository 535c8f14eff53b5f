/**
 * The typed shape every Kuma resource model renders to, and where resources are delivered.
 *
 * One set of models, two delivery paths: a Kubernetes-mode global receives custom
 * resources (`kubernetes_manifest`); a Universal or external global receives the
 * same resources through its API (`kumactl apply`). Both go through
 * {@link IKumaResourceSink}.
 */
import { Construct, IConstruct } from 'constructs';

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

/** What each scope's applied Kuma resources wait on, as the sinks record it. */
const completions = new WeakMap<IConstruct, IConstruct>();

/**
 * Records, for a sink, the construct whose Terraform resources finish applying the Kuma
 * resources planned under `scope` (the `kubernetes_manifest` itself, or the `kumactl` Job that
 * applies a whole batch later in the stack).
 */
export function recordKumaResourceCompletion(scope: IConstruct, completion: IConstruct): void {
  completions.set(scope, completion);
}

/**
 * The construct to `waitFor` so that the Kuma resources planned under `scope` exist in the
 * control plane: with a `kumactl` sink they are applied by a Job outside `scope`, and waiting
 * for `scope` alone would order nothing. Any other construct is returned as it is.
 */
export function kumaResourcesApplied(scope: IConstruct): IConstruct {
  return completions.get(scope) ?? scope;
}
