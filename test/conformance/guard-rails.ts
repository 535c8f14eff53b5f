/**
 * Rules the Kuma chart enforces in its templates (`fail` calls), checked at synth time:
 * a global must not set `controlPlane.zone`, `controlPlane.kdsGlobalAddress`,
 * `ingress.enabled` or `egress.enabled`; a zone must set a zone name and a
 * `grpcs://` (or `grpc://`) KDS address of its global.
 */
import { Finding } from './crd-validator';

/** The Kuma values of a release: top level for `kuma`, under `kuma:` for `kong-mesh`. */
export function kumaValuesOf(chart: string, values: any): any | undefined {
  if (chart === 'kuma') return values ?? {};
  if (chart === 'kong-mesh') return values?.kuma ?? {};
  return undefined;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && value !== false;
}

/** Guard-rail findings for one Kuma / Kong Mesh release (other charts have none). */
export function checkGuardRails(chart: string, values: any, location: string): Finding[] {
  const kuma = kumaValuesOf(chart, values);
  if (kuma === undefined) return [];
  const findings: Finding[] = [];
  const cp = kuma.controlPlane ?? {};
  // The chart's default mode is "zone" (kuma/chart/values.yaml controlPlane.mode).
  const mode = cp.mode ?? 'zone';
  const prefix = chart === 'kong-mesh' ? 'kuma.' : '';
  const fail = (path: string, message: string): void => {
    findings.push({ location: `${location}:${prefix}${path}`, message });
  };
  if (mode === 'global') {
    if (isSet(cp.zone)) fail('controlPlane.zone', 'a global control plane must not set controlPlane.zone');
    if (isSet(cp.kdsGlobalAddress)) fail('controlPlane.kdsGlobalAddress', 'a global control plane must not set controlPlane.kdsGlobalAddress');
    if (kuma.ingress?.enabled === true) fail('ingress.enabled', 'a global control plane must not enable the zone ingress');
    if (kuma.egress?.enabled === true) fail('egress.enabled', 'a global control plane must not enable the zone egress');
  } else if (mode === 'zone') {
    if (!isSet(cp.zone)) fail('controlPlane.zone', 'a zone control plane must set controlPlane.zone');
    const address = cp.kdsGlobalAddress;
    if (typeof address !== 'string' || !/^grpcs?:\/\//.test(address)) {
      fail('controlPlane.kdsGlobalAddress', `a zone control plane must set controlPlane.kdsGlobalAddress to grpcs://<global>:5685 (got ${JSON.stringify(address)})`);
    }
  } else {
    fail('controlPlane.mode', `controlPlane.mode must be "global" or "zone" (got ${JSON.stringify(mode)})`);
  }
  return findings;
}
