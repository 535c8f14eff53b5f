/**
 * Mesh rules (ids of our own): the decisions of DESIGN.md "Mesh decisions" as checks on the
 * synthesized custom resources (`kubernetes_manifest`) and the Kuma / Kong Mesh Helm values.
 * Field names follow the Kuma 2.14.3 CRDs and chart values in ../shared/upstream.
 */
import { asList, chartName, chartValues, get, isSet, isTrue } from '../attributes';
import { CheckOutcome, PASSED, PolicyRule, RuleFamily, StackJson, failed } from '../types';

const MANIFEST = 'kubernetes_manifest';
const HELM = 'helm_release';

export const MESH_RULES: readonly PolicyRule[] = [
  {
    // Mesh: builtin CA backend enabled, its mode STRICT (kuma.mesh.v1alpha1 CertificateAuthorityBackend.mode,
    // default STRICT); MeshTLS: no Permissive mode; a global control plane: some stack declares a Mesh,
    // since Kuma's auto-created `default` mesh has no mTLS.
    id: 'MESH_MTLS_STRICT',
    title: 'Mesh mTLS is enabled and STRICT',
    family: RuleFamily.MESH,
    resourceTypes: [MANIFEST, HELM],
    appliesTo: (c, ctx) => (ctx.resourceType === HELM ? isKumaRelease(c) && kumaMode(c) === 'global' : ['Mesh', 'MeshTLS'].includes(kumaKind(c))),
    check: (c, ctx) => {
      if (ctx.resourceType === HELM) {
        return anyManifest(ctx.stacks, 'Mesh')
          ? PASSED
          : failed('global control plane without any Mesh resource: the auto-created "default" mesh runs without mTLS');
      }
      return kumaKind(c) === 'Mesh' ? meshMtls(c.manifest) : meshTlsMode(c.manifest);
    },
  },
  {
    // MeshTrafficPermission: no Allow from every client (targetRef kind Mesh), no rules allowing a
    // whole trust domain; legacy TrafficPermission: no `*` source.
    id: 'MESH_NO_ALLOW_ALL',
    title: 'No allow-all traffic permission',
    family: RuleFamily.MESH,
    resourceTypes: [MANIFEST],
    appliesTo: (c) => ['MeshTrafficPermission', 'TrafficPermission'].includes(kumaKind(c)),
    check: (c) => (kumaKind(c) === 'MeshTrafficPermission' ? meshTrafficPermission(c.manifest) : legacyTrafficPermission(c.manifest)),
  },
  {
    // Kuma chart: controlPlane.tls.kdsZoneClient.skipVerify (default false), the env override
    // KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY, a grpcs:// KDS address; a global serves a certificate
    // from controlPlane.tls.kdsGlobalServer.secretName (otherwise it self-signs one nobody can verify).
    id: 'KDS_TLS_VERIFIED',
    title: 'KDS is TLS with a verified certificate',
    family: RuleFamily.MESH,
    resourceTypes: [HELM],
    appliesTo: (c) => isKumaRelease(c),
    check: (c) => {
      const values = kumaValues(c);
      const cp = values.controlPlane ?? {};
      if (isTrue(get(cp, 'tls.kdsZoneClient.skipVerify'))) return failed('controlPlane.tls.kdsZoneClient.skipVerify is true');
      if (isTrue(cp.envVars?.KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY)) return failed('controlPlane.envVars.KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY is true');
      const address = cp.kdsGlobalAddress;
      if (typeof address === 'string' && address !== '' && !address.startsWith('grpcs://') && !address.includes('${')) {
        return failed(`controlPlane.kdsGlobalAddress ${address} is not grpcs://`);
      }
      if (kumaMode(c) === 'global' && !isSet(get(cp, 'tls.kdsGlobalServer.secretName'))) {
        return failed('global control plane without controlPlane.tls.kdsGlobalServer.secretName: zones cannot verify a self-signed KDS certificate');
      }
      return PASSED;
    },
  },
  {
    // Kuma chart: postgres.tls.mode becomes KUMA_STORE_POSTGRES_TLS_MODE, which Kuma turns into
    // libpq's sslmode (kumahq/kuma@v2.14.3:pkg/config/plugins/resources/postgres/config.go#postgresMode:
    // disable -> disable, verifyNone -> require, verifyCa -> verify-ca, verifyFull -> verify-full).
    // Only the last two check the server; the chart default is disable. A Universal global
    // (controlPlane.environment universal) must verify its store.
    id: 'POSTGRES_TLS_VERIFIED',
    title: 'A Universal global verifies its PostgreSQL server (verifyCa or verifyFull)',
    family: RuleFamily.MESH,
    resourceTypes: [HELM],
    appliesTo: (c) => isKumaRelease(c) && (kumaValues(c).controlPlane?.environment === 'universal' || kumaValues(c).postgres !== undefined),
    check: (c) => {
      const mode = kumaValues(c).postgres?.tls?.mode ?? 'disable';
      return mode === 'verifyCa' || mode === 'verifyFull' ? PASSED : failed(`postgres.tls.mode is ${mode}: the control plane does not verify the database server`);
    },
  },
];

/** The Kuma kind of a `kubernetes_manifest`, or '' for anything else. */
export function kumaKind(config: any): string {
  const apiVersion = String(config?.manifest?.apiVersion ?? '');
  return apiVersion.startsWith('kuma.io/') ? String(config?.manifest?.kind ?? '') : '';
}

export function isKumaRelease(release: any): boolean {
  return ['kuma', 'kong-mesh'].includes(chartName(release));
}

/** Kuma chart values; Kong Mesh nests them under `kuma:`. */
export function kumaValues(release: any): Record<string, any> {
  const values = chartValues(release);
  return chartName(release) === 'kong-mesh' ? values.kuma ?? {} : values;
}

export function kumaMode(release: any): string {
  return String(kumaValues(release).controlPlane?.mode ?? 'zone');
}

function anyManifest(stacks: Record<string, StackJson>, kind: string): boolean {
  return Object.values(stacks).some((stack) =>
    Object.values(stack.resource?.[MANIFEST] ?? {}).some((config: any) => kumaKind(config) === kind));
}

function meshMtls(manifest: any): CheckOutcome {
  const mtls = manifest?.spec?.mtls;
  const enabled = mtls?.enabledBackend;
  if (!isSet(enabled)) return failed('Mesh spec.mtls.enabledBackend is not set: traffic is plain text');
  const backend = asList(mtls?.backends).find((candidate: any) => candidate?.name === enabled);
  if (!backend) return failed(`Mesh spec.mtls.enabledBackend ${enabled} names no backend in spec.mtls.backends`);
  const mode = backend.mode ?? 'STRICT';
  return mode === 'STRICT' || mode === 0 ? PASSED : failed(`Mesh mTLS backend ${enabled} mode is ${mode}`);
}

function meshTlsMode(manifest: any): CheckOutcome {
  const entries = [...asList(manifest?.spec?.from), ...asList(manifest?.spec?.rules)];
  const permissive = entries.find((entry: any) => entry?.default?.mode === 'Permissive');
  return permissive ? failed('MeshTLS sets mode Permissive') : PASSED;
}

const ALLOWING = ['Allow', 'AllowWithShadowDeny'];

function meshTrafficPermission(manifest: any): CheckOutcome {
  for (const entry of asList(manifest?.spec?.from)) {
    if (entry?.targetRef?.kind === 'Mesh' && ALLOWING.includes(entry?.default?.action)) {
      return failed(`MeshTrafficPermission allows every client of the mesh (from targetRef kind Mesh, action ${entry.default.action})`);
    }
  }
  for (const rule of asList(manifest?.spec?.rules)) {
    for (const match of [...asList(rule?.default?.allow), ...asList(rule?.default?.allowWithShadowDeny)]) {
      const spiffe = match?.spiffeID;
      if (spiffe?.type === 'Prefix' && /^spiffe:\/\/[^/]*\/?$/.test(String(spiffe.value ?? ''))) {
        return failed(`MeshTrafficPermission allows a whole trust domain (spiffeID Prefix ${spiffe.value})`);
      }
    }
  }
  return PASSED;
}

function legacyTrafficPermission(manifest: any): CheckOutcome {
  // The legacy kind has no spec wrapper on Kubernetes: sources sit at the top level of the object.
  const sources = asList(manifest?.spec?.sources ?? manifest?.sources);
  const everyone = sources.some((source: any) => source?.match?.['kuma.io/service'] === '*');
  return everyone ? failed('TrafficPermission allows kuma.io/service "*"') : PASSED;
}
