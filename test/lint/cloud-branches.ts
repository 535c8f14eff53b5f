/**
 * Finds code that chooses by a cloud's name: comparisons with a `Cloud` member or a cloud
 * literal, `case Cloud.X`, and maps keyed by cloud (`Record<Cloud, …>`, `[Cloud.X]: …`).
 * Only the clouds' own folders and the seam's registry may do that; everything else asks
 * the cluster or lib/core/cloud-registry.ts#cloudSupport.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files and folders (relative to the repository, `/`-separated) that may branch on a cloud. */
export const CLOUD_FOLDERS = ['lib/azure/', 'lib/gcp/', 'lib/aws/', 'lib/core/cloud-registry.ts', 'lib/core/cloud.ts'];

const CLOUD_LITERAL = `['"\`](?:azure|gcp|aws)['"\`]`;
const PATTERNS: { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'compares with a Cloud member', pattern: /[=!]==?\s*Cloud\.[A-Z]+\b|\bCloud\.[A-Z]+\s*[=!]==?/ },
  { what: 'switches on a Cloud member', pattern: /\bcase\s+Cloud\.[A-Z]+/ },
  { what: 'keys a map by cloud', pattern: /\bRecord<\s*Cloud\b|\[\s*\w+\s+in\s+Cloud\s*\]|\[\s*Cloud\.[A-Z]+\s*\]\s*:/ },
  { what: 'compares a cloud with a literal', pattern: new RegExp(`\\bcloud\\s*[=!]==?\\s*${CLOUD_LITERAL}|${CLOUD_LITERAL}\\s*[=!]==?\\s*[\\w.]*cloud\\b`, 'i') },
];

/** The cloud branches of one source text, as `<line>: <what>: <code>`. */
export function cloudBranchesIn(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (/^\s*(\*|\/\*)/.test(code)) return;
    for (const { what, pattern } of PATTERNS) {
      if (pattern.test(code)) found.push(`${i + 1}: ${what}: ${line.trim()}`);
    }
  });
  return found;
}

/** Every cloud branch in `lib/` outside {@link CLOUD_FOLDERS}, as `<file>:<line>: …`. */
export function findCloudBranches(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : entry.endsWith('.ts') ? [path] : [];
    });
  return walk(join(root, 'lib'))
    .map((file) => relative(root, file).split('\\').join('/'))
    .filter((file) => !CLOUD_FOLDERS.some((allowed) => file.startsWith(allowed)))
    .flatMap((file) => cloudBranchesIn(readFileSync(join(root, file), 'utf8')).map((hit) => `${file}:${hit}`));
}
