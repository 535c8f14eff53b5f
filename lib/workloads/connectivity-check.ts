/**
 * Proves a deployment, not just a plan: a Kubernetes Job in a meshed namespace that
 * calls routes over HTTP(S) and that Terraform waits for, so `cdktf deploy` fails
 * loudly when a path (for example the cross-cloud one) is broken.
 *
 * Kuma 2.14 injects its sidecar as a native sidecar container
 * (`experimental.sidecarContainers: true` in the chart's defaults), so the Job's pod
 * completes when curl exits instead of waiting for the proxy forever.
 */
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import { jobV1 } from '../private/lazy-bindings';
import { IClusterConnection } from '../clusters/cluster-connection';
import { CURL_IMAGE } from '../versions';
import { assertDns1123Label, assertIntegerInRange, isUnresolved, ValidationError } from '../private/validation';
import { sidecarTokenAnnotations, sidecarTokenVolume } from './_sidecar-token';

/**
 * Labels of every check Job's pods: what a Service selects to give the checks a mesh
 * identity, and what a MeshTrafficPermission names them by.
 */
export const CONNECTIVITY_CHECK_POD_LABELS: { readonly [key: string]: string } = { 'app.kubernetes.io/name': 'connectivity-check' };

/** One request the check makes; it passes when the response status is 2xx or 3xx. */
export interface HttpProbe {
  /** What the probe proves, printed in the Job log, e.g. "catalog through the AKS gateway". */
  readonly description: string;
  /** URL to call, e.g. `https://catalog.azure.acme.example/`. */
  readonly url: string;
  /**
   * Send the request to this `host:port` instead of the URL's own address (curl
   * `--connect-to`), keeping the URL's Host and SNI. Lets a check reach a gateway
   * through its in-cluster Service before public DNS has propagated.
   * @default the URL's own host and port
   */
  readonly connectTo?: string;
  /**
   * Accept a certificate that does not chain to a public root (Let's Encrypt staging or a
   * self-signed CA). The check then proves routing and TLS termination, not public trust.
   * @default false
   */
  readonly insecureAcceptAnyCertificate?: boolean;
  /**
   * Text the response body must contain, e.g. `catalog in azure` to prove which zone's copy of
   * an API answered. The probe is retried until it does (the mesh may still be converging).
   * @default any body
   */
  readonly expectBodyContains?: string;
}

export interface ConnectivityCheckProps {
  /** Cluster the Job runs in. */
  readonly connection: IClusterConnection;
  /** A namespace with sidecar injection enabled, so that mesh host names resolve. */
  readonly namespace: string;
  /** Requests to make, in order; the Job fails on the first that fails. */
  readonly probes: HttpProbe[];
  /**
   * How long Terraform waits for the Job before failing the deploy.
   * @default 10 minutes
   */
  readonly timeoutMinutes?: number;
}

export class ConnectivityCheck extends Construct {
  /** Name of the Job; it changes when the probes change, so a changed check runs again. */
  public readonly jobName: string;

  constructor(scope: Construct, id: string, props: ConnectivityCheckProps) {
    super(scope, id);
    const path = this.node.path;
    assertDns1123Label(props.namespace, `${path}.namespace`, 'namespace');
    assertIntegerInRange(props.timeoutMinutes, `${path}.timeoutMinutes`, 1, 120);
    if (props.probes.length === 0) {
      throw new ValidationError(`${path}.probes`, props.probes, 'must list at least one request to make');
    }
    props.probes.forEach((probe, index) => assertProbe(probe, `${path}.probes[${index}]`));

    const script = renderCheckScript(props.probes);
    const timeoutMinutes = props.timeoutMinutes ?? 10;
    // The hash is of the script as Terraform will see it: resolved at synth, tokens become
    // their expressions. Hashing the unresolved text would hash cdktf's process-wide token
    // numbers, which shift with any unrelated construct, renaming (so replacing) the Job
    // on day-2 changes that leave its probes as they were.
    const prefix = `check-${id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 40)}`;
    this.jobName = Lazy.stringValue({ produce: (context) => `${prefix}-${hash(String(context.resolve(script)))}`.replace(/-+/g, '-') });

    new (jobV1())(this, 'job', {
      provider: props.connection.providers(this).kubernetes,
      metadata: {
        name: this.jobName,
        namespace: props.namespace,
        labels: { ...CONNECTIVITY_CHECK_POD_LABELS, 'app.kubernetes.io/part-of': 'cross-cloud-mesh' },
      },
      spec: {
        backoffLimit: 3,
        activeDeadlineSeconds: timeoutMinutes * 60,
        template: {
          metadata: { labels: { ...CONNECTIVITY_CHECK_POD_LABELS }, annotations: sidecarTokenAnnotations() },
          spec: {
            restartPolicy: 'Never',
            // curl gets no API token; the sidecar, which must join the mesh, gets its own.
            automountServiceAccountToken: false,
            volume: [sidecarTokenVolume()],
            securityContext: { runAsNonRoot: true, runAsUser: '100', seccompProfile: { type: 'RuntimeDefault' } },
            container: [
              {
                name: 'curl',
                image: CURL_IMAGE,
                command: ['/bin/sh', '-ec', script],
                resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
              },
            ],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: `${timeoutMinutes}m`, update: `${timeoutMinutes}m` },
    });
  }
}

/**
 * The shell script the Job runs: one curl per probe, retried while the mesh converges
 * (new zones and certificates take a minute or two), failing on the first broken probe.
 */
export function renderCheckScript(probes: HttpProbe[]): string {
  const lines = probes.map((probe) => {
    const args = ['curl', '--silent', '--show-error', '--fail', '--location', '--max-time', '10'];
    // A probe that checks the body retries in its own loop, which also retries a wrong body.
    if (probe.expectBodyContains === undefined) args.push('--retry', '12', '--retry-delay', '10', '--retry-all-errors');
    if (probe.connectTo) args.push('--connect-to', `${hostAndPort(probe.url)}:${probe.connectTo}`);
    if (probe.insecureAcceptAnyCertificate) args.push('--insecure');
    const announce = `echo ${shellQuote(`check: ${probe.description}: ${probe.url}`)}`;
    if (probe.expectBodyContains === undefined) {
      args.push('--output', '/dev/null', '--write-out', '%{http_code}\\n', probe.url);
      return [announce, args.map(shellQuote).join(' ')].join('\n');
    }
    // The body goes to a shell variable: the root filesystem is read-only. A wrong body is
    // retried like a failed request (the caller may still see an older endpoint set).
    args.push('--output', '-', probe.url);
    const expected = shellQuote(probe.expectBodyContains);
    return [
      announce,
      'n=0',
      `until body=$(${args.map(shellQuote).join(' ')}) && case "$body" in *${expected}*) true ;; *) false ;; esac; do`,
      `  n=$((n+1)); if [ "$n" -ge 12 ]; then echo "expected ${probe.expectBodyContains.replace(/["$`\\]/g, '')} in the answer, got: $body"; exit 1; fi; sleep 10`,
      'done',
      `echo ${shellQuote(`answered: ${probe.expectBodyContains}`)}`,
    ].join('\n');
  });
  return [...lines, "echo 'all checks passed'"].join('\n');
}

function assertProbe(probe: HttpProbe, field: string): void {
  let url: URL;
  try {
    url = new URL(probe.url);
  } catch {
    throw new ValidationError(`${field}.url`, probe.url, 'must be an absolute http:// or https:// URL, e.g. "https://catalog.acme.example/"');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError(`${field}.url`, probe.url, 'must use http:// or https://');
  }
  if (probe.expectBodyContains !== undefined && (probe.expectBodyContains.trim() === '' || /[\r\n]/.test(probe.expectBodyContains))) {
    throw new ValidationError(`${field}.expectBodyContains`, probe.expectBodyContains, 'must be a non-empty single line of text, e.g. "catalog in azure"');
  }
  if (probe.connectTo !== undefined && !isUnresolved(probe.connectTo) && !/^[a-z0-9.-]+:\d{1,5}$/.test(probe.connectTo)) {
    throw new ValidationError(`${field}.connectTo`, probe.connectTo, 'must be "host:port", e.g. "gateway-kong-proxy.kong.svc.cluster.local:443"');
  }
}

/** `host:port` of a URL, with the scheme's default port filled in (the form `--connect-to` matches). */
function hostAndPort(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  return `${parsed.hostname}:${port}`;
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:%=@,+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
