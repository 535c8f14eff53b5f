/**
 * Secret hygiene of synthesized stacks (issue 6 section 2): nothing secret may be readable in
 * `cdk.tf.json`. Terraform expressions (`${...}`) are never secrets themselves: the value
 * they resolve to lives in state, and sensitivity is the provider's business. What the
 * scanner looks for, in every resource, data source, provider, output and Helm values
 * document:
 *
 * - `pem-private-key`: a PEM private key block (certificates are public and allowed);
 * - `secret-field`: a field whose name says it holds a secret (password, client_secret,
 *   private_key, token, license, access_key, ...) with a literal value;
 * - `high-entropy`: a long token that looks random (base64 or hex), outside allow-listed
 *   shapes (digests, GUIDs, base64 certificates);
 * - `insensitive-output`: an output that carries a secret attribute without `sensitive = true`;
 * - `helm-set`: a secret-looking `helm_release.set` entry (it belongs in `set_sensitive`);
 * - `static-cloud-key`: a long-lived cloud credential (service account keys, client secrets):
 *   workload identity everywhere instead.
 */
import YAML from 'yaml';
import type { StackJson } from '../helpers/synth';

export type SecretKind = 'pem-private-key' | 'secret-field' | 'high-entropy' | 'insensitive-output' | 'helm-set' | 'static-cloud-key';

export interface SecretFinding {
  readonly kind: SecretKind;
  /** `stack/type.name`, `stack/data.type.name`, `stack/provider.name[i]` or `stack/output.name`. */
  readonly address: string;
  /** Where inside it (a dotted JSON path; Helm values documents as `values[i].a.b`). */
  readonly path: string;
  readonly detail: string;
}

/** Shannon entropy (bits per character) above which a base64-looking token counts as random. */
export const BASE64_ENTROPY_THRESHOLD = 4.5;
/** The same for hex tokens, whose alphabet caps entropy at 4 bits. */
export const HEX_ENTROPY_THRESHOLD = 3.3;

/** Resource types that are long-lived cloud credentials. */
const STATIC_KEY_TYPES: Record<string, string> = {
  google_service_account_key: 'a service account key file',
  google_storage_hmac_key: 'an HMAC key',
  azuread_application_password: 'an application client secret',
  azuread_service_principal_password: 'a service principal client secret',
  azuread_application_certificate: 'an application certificate credential',
  azurerm_storage_account_sas: 'a storage SAS token',
};

/** Name tokens that hold a secret by themselves (last token of the field name). */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'license', 'credentials', 'credential', 'apikey', 'pat']);
/** `<prefix>_key` names that hold a secret (`private_key`, `access_key`, `tls.key`, ...). */
const SECRET_KEY_PREFIXES = new Set(['private', 'access', 'api', 'secret', 'client', 'account', 'shared', 'primary', 'secondary', 'tls', 'signing', 'encryption', 'master', 'admin', 'hmac', 'ssh']);
/** Last tokens that make a field a reference to a secret, not the secret (`secretName`, `password_ref`). */
const REFERENCE_WORDS = new Set(['name', 'names', 'ref', 'refs', 'id', 'ids', 'path', 'file', 'enabled', 'type', 'namespace', 'key', 'keys', 'mount', 'version', 'arn', 'uri', 'url', 'policy', 'length', 'rotation', 'expiration', 'duration', 'ttl', 'audience', 'audiences', 'format', 'kind']);

/** Attributes whose value is a secret when read into an output. */
const SECRET_ATTRIBUTES = /\.(kube_config(_raw)?|kube_admin_config(_raw)?|client_key|client_certificate|private_key(_pem)?|password|primary_access_key|secondary_access_key|primary_connection_string|access_token|client_secret|master_auth|secret|token|license|connection_string|cluster_ca_certificate_key)\b/;

/** Scans every stack; findings name the stack, the Terraform address and the path. */
export function scanStacks(stacks: Record<string, StackJson>): SecretFinding[] {
  return Object.entries(stacks).flatMap(([name, stack]) => scanStack(name, stack));
}

export function scanStack(stackName: string, stack: StackJson): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const [type, resources] of Object.entries(stack.resource ?? {})) {
    for (const [name, config] of Object.entries(resources ?? {})) {
      const address = `${stackName}/${type}.${name}`;
      if (STATIC_KEY_TYPES[type]) {
        findings.push({ kind: 'static-cloud-key', address, path: '', detail: `${type} creates ${STATIC_KEY_TYPES[type]}: use workload identity instead` });
      }
      if (type === 'azurerm_kubernetes_cluster' && config?.service_principal !== undefined) {
        findings.push({ kind: 'static-cloud-key', address, path: 'service_principal', detail: 'a service principal with a client secret: use a managed identity' });
      }
      if (type === 'helm_release') scanHelmRelease(address, config, findings);
      scanValue(address, '', config, findings);
    }
  }
  for (const [type, sources] of Object.entries(stack.data ?? {})) {
    for (const [name, config] of Object.entries(sources ?? {})) scanValue(`${stackName}/data.${type}.${name}`, '', config, findings);
  }
  for (const [type, configs] of Object.entries(stack.provider ?? {})) {
    (configs ?? []).forEach((config: any, index: number) => {
      const address = `${stackName}/provider.${type}[${index}]`;
      scanValue(address, '', config, findings);
    });
  }
  for (const [name, output] of Object.entries(stack.output ?? {})) {
    const address = `${stackName}/output.${name}`;
    scanValue(address, 'value', output?.value, findings);
    if (output?.sensitive !== true) {
      const text = JSON.stringify(output?.value ?? null);
      if (isSecretName(name) || SECRET_ATTRIBUTES.test(text)) {
        findings.push({ kind: 'insensitive-output', address, path: 'sensitive', detail: `output carries a secret (${truncate(text)}) without sensitive = true` });
      }
    }
  }
  return findings;
}

/** Whether a field name says it holds a secret (camelCase, snake_case, dotted or dashed). */
export function isSecretName(name: string): boolean {
  const tokens = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token !== '');
  if (tokens.length === 0) return false;
  const last = tokens[tokens.length - 1];
  const before = tokens[tokens.length - 2];
  if (last === 'key' && before !== undefined && SECRET_KEY_PREFIXES.has(before)) return true;
  if (last === 'string' && before === 'connection') return true;
  if (REFERENCE_WORDS.has(last)) return false;
  return SECRET_WORDS.has(last);
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Random-looking tokens of a string, after removing Terraform expressions and allow-listed
 * shapes. Tokens are runs of the base64 alphabet, so `-`, `_`, `.` and `:` split construct
 * ids, host names and paths into words; a base64 run must mix upper and lower case and
 * reach {@link BASE64_ENTROPY_THRESHOLD} (detect-secrets' default), a hex run
 * {@link HEX_ENTROPY_THRESHOLD}. Short secrets are caught by their field names instead.
 */
export function highEntropyTokens(text: string): string[] {
  const withoutExpressions = text.replace(/\$\{[^}]*\}/g, ' ');
  const found: string[] = [];
  for (const match of withoutExpressions.matchAll(/(sha256:|sha512:)?([A-Za-z0-9+/=]{20,})/g)) {
    if (match[1]) continue;
    const token = match[2];
    if (isAllowListed(token)) continue;
    if (/^[0-9a-fA-F]+$/.test(token)) {
      if (token.length >= 32 && shannonEntropy(token) >= HEX_ENTROPY_THRESHOLD) found.push(token);
      continue;
    }
    const mixedCase = /[a-z]/.test(token) && /[A-Z]/.test(token);
    if (mixedCase && shannonEntropy(token) >= BASE64_ENTROPY_THRESHOLD) found.push(token);
  }
  return found;
}

function isAllowListed(token: string): boolean {
  // base64 of "-----BEGIN CERTIFICATE" and of a PEM public key: public material.
  if (token.startsWith('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS') || token.startsWith('LS0tLS1CRUdJTiBQVUJMSUMgS0VZ')) return true;
  // GUIDs (subscription, tenant, object ids) are identifiers.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token)) return true;
  return false;
}

const PEM_PRIVATE_KEY = /-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/;

function scanValue(address: string, path: string, value: unknown, findings: SecretFinding[]): void {
  if (typeof value === 'string') {
    scanString(address, path, value, findings);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => scanValue(address, `${path}[${index}]`, item, findings));
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    // cdktf's own metadata (construct paths, waivers) is not configuration.
    if (key === '//') continue;
    const here = path ? `${path}.${key}` : key;
    if (isSecretName(key) && isLiteralSecretValue(child) && !isSecretReference(value as Record<string, unknown>, key)) {
      findings.push({ kind: 'secret-field', address, path: here, detail: `${key} holds a literal value: feed it from a sensitive variable, set_sensitive or a Kubernetes secret` });
    }
    scanValue(address, here, child, findings);
  }
}

function scanString(address: string, path: string, text: string, findings: SecretFinding[]): void {
  if (PEM_PRIVATE_KEY.test(text)) {
    findings.push({ kind: 'pem-private-key', address, path, detail: 'a PEM private key block' });
  }
  for (const token of highEntropyTokens(text)) {
    findings.push({ kind: 'high-entropy', address, path, detail: `random-looking token ${truncate(token)} (entropy ${shannonEntropy(token).toFixed(2)})` });
  }
}

/**
 * A `{ secret, key }` pair names a Kubernetes secret and a key in it (Kuma's
 * `controlPlane.secrets[]` entries `{ Env, Secret, Key }`): a reference, not a secret.
 */
function isSecretReference(parent: Record<string, unknown>, key: string): boolean {
  return key.toLowerCase() === 'secret' && Object.keys(parent).some((sibling) => sibling.toLowerCase() === 'key');
}

function isLiteralSecretValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  if (trimmed === '') return false;
  // A value that is entirely a Terraform expression comes from elsewhere (a sensitive variable, a data source).
  return !/^\$\{[\s\S]*\}$/.test(trimmed);
}

function scanHelmRelease(address: string, release: any, findings: SecretFinding[]): void {
  const documents = Array.isArray(release?.values) ? release.values : [];
  documents.forEach((document: unknown, index: number) => {
    if (typeof document !== 'string') return;
    let parsed: unknown;
    try {
      parsed = YAML.parse(document);
    } catch {
      return;
    }
    // Walks the parsed document for secret-named fields; the raw text is scanned as a string already.
    walkFields(address, `values[${index}]`, parsed, findings);
  });
  const sets = Array.isArray(release?.set) ? release.set : release?.set ? [release.set] : [];
  sets.forEach((entry: any, index: number) => {
    const name = String(entry?.name ?? '');
    const lastSegment = name.split(/(?<!\\)\./).pop() ?? name;
    if (isSecretName(lastSegment.replace(/\\\./g, '.'))) {
      findings.push({ kind: 'helm-set', address, path: `set[${index}]`, detail: `set "${name}" looks secret: use set_sensitive` });
    }
  });
  const sensitive = Array.isArray(release?.set_sensitive) ? release.set_sensitive : release?.set_sensitive ? [release.set_sensitive] : [];
  sensitive.forEach((entry: any, index: number) => {
    // set_sensitive only hides the value from plan output; a literal is still plain text in cdk.tf.json.
    if (isLiteralSecretValue(entry?.value)) {
      findings.push({ kind: 'secret-field', address, path: `set_sensitive[${index}].value`, detail: `set_sensitive "${entry?.name}" has a literal value: feed it from a sensitive variable or data source` });
    }
  });
}

function walkFields(address: string, path: string, value: unknown, findings: SecretFinding[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walkFields(address, `${path}[${index}]`, item, findings));
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const here = `${path}.${key}`;
    if (isSecretName(key) && isLiteralSecretValue(child) && !isSecretReference(value as Record<string, unknown>, key)) {
      findings.push({ kind: 'secret-field', address, path: here, detail: `Helm value ${key} holds a literal value: use set_sensitive or a Kubernetes secret` });
    }
    walkFields(address, here, child, findings);
  }
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
