/**
 * Test doubles for the interfaces later stages consume, so a construct can be
 * tested without the constructs that normally provide them.
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { ClusterProviders, IClusterConnection } from '../../lib/clusters/cluster-connection';
import { Cloud } from '../../lib/core/cloud';
import { IGlobalControlPlane } from '../../lib/mesh/control-plane';
import { MeshDistribution } from '../../lib/mesh/mesh-distribution';

/** A connection to a kubeconfig context named `name`, providers aliased `name`, one pair per stack. */
export function fakeConnection(name: string, cloud?: Cloud): IClusterConnection {
  const perStack = new WeakMap<TerraformStack, ClusterProviders>();
  return {
    clusterName: name,
    cloud,
    connectionName: name,
    providers(scope: Construct): ClusterProviders {
      const stack = TerraformStack.of(scope);
      let providers = perStack.get(stack);
      if (!providers) {
        providers = {
          kubernetes: new KubernetesProvider(stack, `kubernetes-${name}`, { alias: name, configContext: name }),
          helm: new HelmProvider(stack, `helm-${name}`, { alias: name, kubernetes: { configContext: name } }),
        };
        perStack.set(stack, providers);
      }
      return providers;
    },
  };
}

/**
 * A hand-written global control plane (neither GlobalControlPlane nor ExternalGlobalControlPlane):
 * a verified Kuma global outside the app unless `overrides` say otherwise.
 */
export function fakeGlobalControlPlane(overrides: Partial<IGlobalControlPlane> = {}): IGlobalControlPlane {
  return {
    kdsGlobalAddress: 'grpcs://203.0.113.1:5685',
    kdsCaCertificatePem: '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n',
    insecureSkipKdsVerify: false,
    distribution: MeshDistribution.kuma(),
    zoneTokenFor: () => undefined,
    systemNamespace: 'kuma-system',
    resources: { apply: () => undefined },
    zoneReleasePrerequisites: () => [],
    ...overrides,
  };
}
