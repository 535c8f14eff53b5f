/**
 * Delivers Kuma resources to a global that has no CRDs (Universal on Kubernetes, or an
 * external global such as Konnect) through its API with `kumactl apply`.
 *
 * Per stack, every resource applied through one sink is rendered in Kuma's Universal
 * format into one ConfigMap (one YAML document per key, Mesh first), and one
 * `kubernetes_job_v1` runs `kumactl` on them:
 * `kumactl config control-planes add --address <apiUrl> --auth-type tokens --auth-conf token=<admin token>`,
 * then `kumactl apply -f` on each document. Terraform waits for the Job (`wait_for_completion`).
 * The Job name carries a hash of the documents, so a change replaces the Job and re-applies
 * everything; `kumactl apply` is an upsert, so re-running it is idempotent.
 *
 * Limitation (stated, not hidden): a Job cannot run on `terraform destroy`, and this sink does
 * not delete what it applied. Removing a resource from the set, or destroying the stack,
 * leaves it on the global. Destroying a Universal global destroys its store (and the
 * resources with it); for an external global run `kumactl delete <type> <name> [--mesh <mesh>]`
 * for the names listed in the ConfigMap before destroying.
 */
import { createHash } from 'node:crypto';
import type { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { configMapV1, jobV1 } from '../private/lazy-bindings';
import { Lazy, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { IClusterConnection } from '../clusters/cluster-connection';
import { KUMACTL_IMAGE } from '../versions';
import { IKumaResourceSink, KumaResource, recordKumaResourceCompletion } from './kuma-resource';

/** Label that marks the ConfigMaps holding Universal-format Kuma resources (the conformance suite reads them back). */
export const KUMA_RESOURCES_COMPONENT_LABEL = 'app.kubernetes.io/component';
/** Value of {@link KUMA_RESOURCES_COMPONENT_LABEL} on those ConfigMaps. */
export const KUMA_RESOURCES_COMPONENT = 'kuma-universal-resources';

/** Properties of a {@link KumactlResourceSink}. */
export interface KumactlResourceSinkProps {
  /** Cluster the Job runs in (it must reach `apiUrl`). */
  readonly connection: IClusterConnection;
  /** Namespace of the ConfigMap, the Job and the admin token secret. */
  readonly namespace: string;
  /** The global's API, e.g. `https://kuma-control-plane.kuma-global.svc:5682`. */
  readonly apiUrl: string;
  /**
   * Kubernetes secret in `namespace` whose key `token` holds a Kuma admin user token.
   * @default "kuma-admin-token"
   */
  readonly adminTokenSecretName?: string;
  /**
   * Kubernetes secret in `namespace` whose key `ca.crt` is the CA of the API's certificate.
   * @default none: kumactl verifies the API certificate against the image's system roots
   */
  readonly apiCaCertificateSecretName?: string;
  /**
   * Kubernetes secret in `namespace` with a client certificate (`tls.crt`, `tls.key`) the
   * global admits as admin (`KUMA_API_SERVER_AUTHN_TYPE=adminClientCerts`); replaces the token.
   * @default none: authenticate with the admin token of `adminTokenSecretName`
   */
  readonly clientCertificateSecretName?: string;
}

/**
 * Kuma resource in Universal format: `type`, `name`, `mesh`, `labels`, then `spec` (or the Mesh's fields).
 * @internal free-form fields: not expressible in jsii
 */
export interface UniversalResource {
  readonly type: string;
  readonly name: string;
  readonly mesh?: string;
  readonly labels?: { [key: string]: string };
  readonly [field: string]: unknown;
}

/**
 * The Universal form of a resource. Mesh keeps its fields at the top level; new-style
 * resources keep `spec`. The `kuma.io/mesh` label is the Kubernetes way of naming the
 * mesh and becomes the `mesh` field.
 */
export function toUniversal(resource: KumaResource): UniversalResource {
  const { 'kuma.io/mesh': meshLabel, ...labels } = resource.metadata.labels ?? {};
  const mesh = resource.mesh ?? meshLabel;
  const head = {
    type: resource.kind,
    name: resource.metadata.name,
    ...(mesh !== undefined && resource.kind !== 'Mesh' ? { mesh } : {}),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
  };
  if (resource.kind === 'Mesh') return { ...head, ...(resource.spec ?? {}) };
  return { ...head, ...(resource.spec !== undefined ? { spec: resource.spec } : {}) };
}

/** Orders resources so that a Mesh exists before the policies that name it. */
function applyOrder(resource: KumaResource): number {
  if (resource.kind === 'Mesh') return 0;
  if (resource.kind === 'HostnameGenerator') return 1;
  return 2;
}

/** ConfigMap data: `NN-<type>-<name>.yaml` -> one Universal YAML document. */
export function renderUniversalDocuments(resources: KumaResource[]): { [key: string]: string } {
  const ordered = resources
    .map((resource, index) => ({ resource, index }))
    .sort((a, b) => applyOrder(a.resource) - applyOrder(b.resource) || a.index - b.index);
  const data: { [key: string]: string } = {};
  ordered.forEach(({ resource }, position) => {
    const key = `${String(position).padStart(3, '0')}-${resource.kind.toLowerCase()}-${resource.metadata.name}.yaml`.replace(/[^-._a-zA-Z0-9]/g, '-');
    data[key] = stringify(toUniversal(resource));
  });
  return data;
}

/** Short content hash, for names that must change when the content does. */
export function contentHash(data: { [key: string]: string }): string {
  const hash = createHash('sha256');
  for (const key of Object.keys(data).sort()) hash.update(key).update('\0').update(data[key]).update('\0');
  return hash.digest('hex').slice(0, 10);
}

const RESOURCES_DIR = '/etc/kuma-resources';
const TOKEN_DIR = '/var/run/secrets/kuma-admin';
const CA_DIR = '/var/run/secrets/kuma-api-ca';
const CLIENT_DIR = '/var/run/secrets/kuma-api-client';

/**
 * The Job's script: register the global, then apply each document in order. With a client
 * certificate kumactl authenticates by it (kumahq/kuma@v2.14.3:app/kumactl/cmd/config/config_control_planes_add.go,
 * `--client-cert-file`/`--client-key-file`), else by the admin token.
 */
export function renderKumactlScript(apiUrl: string, withCa: boolean, withClientCertificate = false): string {
  const add = [
    'kumactl config control-planes add --name global --overwrite',
    `--address "${apiUrl}"`,
    ...(withClientCertificate
      ? [`--client-cert-file ${CLIENT_DIR}/tls.crt`, `--client-key-file ${CLIENT_DIR}/tls.key`]
      : ['--auth-type tokens', `--auth-conf "token=$(cat ${TOKEN_DIR}/token)"`]),
    ...(withCa ? [`--ca-cert-file ${CA_DIR}/ca.crt`] : []),
  ].join(' ');
  return ['set -eu', add, `for document in ${RESOURCES_DIR}/*.yaml; do`, '  echo "kumactl apply -f $document"', '  kumactl apply -f "$document"', 'done'].join('\n');
}

/** Plans Kuma resources as documents applied by a `kumactl` Job, one ConfigMap and one Job per stack. */
export class KumactlResourceSink implements IKumaResourceSink {
  private readonly batches = new WeakMap<TerraformStack, KumaResource[]>();
  private readonly jobs = new WeakMap<TerraformStack, JobV1>();

  constructor(private readonly props: KumactlResourceSinkProps) {}

  public apply(scope: Construct, _id: string, resource: KumaResource): void {
    const stack = TerraformStack.of(scope);
    let batch = this.batches.get(stack);
    if (!batch) {
      batch = [];
      this.batches.set(stack, batch);
      this.jobs.set(stack, this.plan(stack, batch));
    }
    batch.push(resource);
    // Dependents of `scope` must wait for the Job: it applies the resource, not `scope`.
    recordKumaResourceCompletion(scope, this.jobs.get(stack)!);
  }

  /** Creates the ConfigMap and Job; their content is resolved at synth time, after every `apply`. */
  private plan(stack: TerraformStack, batch: KumaResource[]): JobV1 {
    const props = this.props;
    // Named after the connection, not the cluster: a cluster name from another stack is a
    // token whose placeholder text would make the address change from one synth to the next.
    const scope = new Construct(stack, `kumactl-${props.connection.connectionName}-${props.namespace}`.replace(/[^A-Za-z0-9-]+/g, '-'));
    const kubernetes = props.connection.providers(scope).kubernetes;
    // Rendered once per batch size, not on every resolution: cdktf resolves each of the
    // three Lazy values below in every preparing and synthesizing pass, and `apply` only
    // ever appends to the batch, so its length says whether the documents changed.
    let rendered: { size: number; documents: { [key: string]: string } } | undefined;
    const data = (): { [key: string]: string } => {
      if (rendered?.size !== batch.length) rendered = { size: batch.length, documents: renderUniversalDocuments(batch) };
      return rendered.documents;
    };
    const name = (prefix: string): string => Lazy.stringValue({ produce: () => `${prefix}-${contentHash(data())}` });
    const labels = {
      'app.kubernetes.io/name': 'kumactl-apply',
      'app.kubernetes.io/part-of': 'cross-cloud-mesh',
      [KUMA_RESOURCES_COMPONENT_LABEL]: KUMA_RESOURCES_COMPONENT,
    };

    const configMap = new (configMapV1())(scope, 'resources', {
      provider: kubernetes,
      metadata: { name: name('kuma-resources'), namespace: props.namespace, labels },
      data: Lazy.anyValue({ produce: () => data() }) as unknown as { [key: string]: string },
    });

    const withCa = props.apiCaCertificateSecretName !== undefined;
    const withClient = props.clientCertificateSecretName !== undefined;
    return new (jobV1())(scope, 'apply', {
      provider: kubernetes,
      dependsOn: [configMap],
      metadata: { name: name('kumactl-apply'), namespace: props.namespace, labels },
      spec: {
        backoffLimit: 4,
        activeDeadlineSeconds: 600,
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'kumactl-apply' } },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: '65534', seccompProfile: { type: 'RuntimeDefault' } },
            container: [
              {
                name: 'kumactl',
                image: KUMACTL_IMAGE,
                command: ['/bin/sh', '-c', renderKumactlScript(props.apiUrl, withCa, withClient)],
                env: [{ name: 'HOME', value: '/tmp' }],
                resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMount: [
                  // kumactl writes its config under $HOME; the root filesystem stays read-only.
                  { name: 'home', mountPath: '/tmp' },
                  { name: 'resources', mountPath: RESOURCES_DIR, readOnly: true },
                  withClient ? { name: 'api-client', mountPath: CLIENT_DIR, readOnly: true } : { name: 'admin-token', mountPath: TOKEN_DIR, readOnly: true },
                  ...(withCa ? [{ name: 'api-ca', mountPath: CA_DIR, readOnly: true }] : []),
                ],
              },
            ],
            volume: [
              { name: 'home', emptyDir: { sizeLimit: '16Mi' } },
              { name: 'resources', configMap: { name: configMap.metadata.name } },
              withClient
                ? { name: 'api-client', secret: { secretName: props.clientCertificateSecretName } }
                : { name: 'admin-token', secret: { secretName: props.adminTokenSecretName ?? 'kuma-admin-token' } },
              ...(withCa ? [{ name: 'api-ca', secret: { secretName: props.apiCaCertificateSecretName } }] : []),
            ],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: '10m', update: '10m' },
    });
  }
}
