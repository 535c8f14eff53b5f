/**
 * The deep-import rule: `lib/` and `examples/` must never import a prebuilt
 * provider's package index (`@cdktf/provider-google`), which loads every resource
 * class of the provider: seconds and a gigabyte per process (DESIGN.md).
 * Run directly, it prints offending lines and exits 1; the test suite calls
 * {@link findIndexImports} too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const INDEX_IMPORT = /(?:from\s*|require\(\s*|import\(\s*)['"](@cdktf\/provider-[a-z0-9-]+)(?:\/lib)?\/?['"]/g;

export interface IndexImport {
  readonly file: string;
  readonly line: number;
  readonly module: string;
}

/** Every index import of a prebuilt provider in the given source text. */
export function indexImportsIn(source: string, file: string): IndexImport[] {
  const found: IndexImport[] = [];
  source.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(INDEX_IMPORT)) {
      found.push({ file, line: index + 1, module: match[1] });
    }
  });
  return found;
}

/** Scans `.ts`, `.js` and `.mts` files under the given folders of `root`. */
export function findIndexImports(root: string, folders: string[] = ['lib', 'examples']): IndexImport[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (entry === 'node_modules') return [];
      return statSync(path).isDirectory() ? walk(path) : /\.(ts|js|mts)$/.test(entry) ? [path] : [];
    });
  return folders.flatMap((folder) => {
    const dir = join(root, folder);
    try {
      statSync(dir);
    } catch {
      return [];
    }
    return walk(dir).flatMap((file) => indexImportsIn(readFileSync(file, 'utf8'), relative(root, file)));
  });
}

if (require.main === module) {
  const hits = findIndexImports(join(__dirname, '..', '..'));
  for (const hit of hits) {
    console.error(`${hit.file}:${hit.line}: index import of ${hit.module}; import the resource's module, e.g. ${hit.module}/lib/provider`);
  }
  process.exit(hits.length === 0 ? 0 : 1);
}
