/**
 * Where the upstream data files (CRDs, chart values, schemas) are read from:
 * `$UPSTREAM_SCHEMAS_DIR`, else `<repo>/../shared/upstream`. They are read in place, never
 * copied into the repository; `npm run schemas:fetch` downloads them for other setups.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Directory holding `kuma/`, `kong/`, `kong-mesh/`, `cert-manager/` as listed in SOURCES.md. */
export function upstreamDir(): string {
  return process.env.UPSTREAM_SCHEMAS_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'upstream');
}

/** True when the upstream files are present (checked on one file every validator needs). */
export function upstreamAvailable(): boolean {
  return existsSync(join(upstreamDir(), 'kuma', 'crds', 'kuma.io_meshes.yaml'));
}

/** Why conformance tests were skipped, for `test(..., { skip })`. */
export function skipMessage(): string | false {
  return upstreamAvailable()
    ? false
    : `upstream schemas not found in ${upstreamDir()}: set UPSTREAM_SCHEMAS_DIR or run "npm run schemas:fetch" (downloads them into ./.upstream)`;
}

/** Reads an upstream file by its path relative to the upstream directory. */
export function readUpstream(relativePath: string): string {
  return readFileSync(join(upstreamDir(), relativePath), 'utf8');
}
