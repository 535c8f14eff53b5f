/**
 * The jsii build (`npm run jsii`): compiles the public API (lib/index.ts) with the jsii
 * compiler into build/jsii (not dist/), and fails on any jsii error.
 *
 * jsii reads its settings from package.json (`jsii`, `author`, `repository`) and wants
 * `main` under the outDir of the tsconfig it is given. The npm package keeps `main` in
 * dist/ and must not gain `bundledDependencies` (that would change what `npm pack` ships),
 * so the build stages a copy: build/jsii/{package.json, tsconfig.jsii.json, lib/, README.md}
 * with node_modules linked. The tsconfig is ours, not jsii's generated one (jsii 5.9's
 * user-provided tsconfig mode, `jsii.tsconfig`), validated against the `minimal` rule set:
 * the `strict` set rejects `moduleResolution: node` (aws/jsii-compiler@v5.9 README, "If you
 * provide your own tsconfig.json").
 *
 * Usage: npm run jsii [-- --pacmak]
 *   --pacmak: then `jsii-pacmak -t python --code-only` (Python sources in build/jsii/dist/python).
 *   Not in CI, and not the wheel: pacmak's wheel build pip-installs setuptools~=75.3.2 from
 *   PyPI, which is unreachable here (the local index has 80.9.0 and 84.0.0 only), and no
 *   jsii/cdktf/constructs Python runtime is installable offline for a Python smoke test.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

export interface JsiiBuildResult {
  readonly status: number;
  readonly output: string;
  readonly stagingDir: string;
}

/**
 * Stages build/jsii and runs `jsii` there; `status` 0 means an assembly with no error.
 * `appendToIndex` adds source to the staged lib/index.ts (the test's broken input).
 */
export function runJsiiBuild(stagingDir = join(root, 'build', 'jsii'), appendToIndex = ''): JsiiBuildResult {
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(stagingDir, { recursive: true });
  cpSync(join(root, 'lib'), join(stagingDir, 'lib'), { recursive: true });
  if (appendToIndex) writeFileSync(join(stagingDir, 'lib', 'index.ts'), `${readFileSync(join(stagingDir, 'lib', 'index.ts'), 'utf8')}\n${appendToIndex}\n`);
  cpSync(join(root, 'README.md'), join(stagingDir, 'README.md'));
  symlinkSync(join(root, 'node_modules'), join(stagingDir, 'node_modules'), 'dir');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const staged = {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    license: pkg.license,
    author: { name: 'cdktf-cross-cloud-mesh authors', organization: false },
    repository: { type: 'git', url: 'https://example.invalid/cdktf-cross-cloud-mesh.git' },
    main: 'out/lib/index.js',
    types: 'out/lib/index.d.ts',
    dependencies: pkg.dependencies,
    bundledDependencies: Object.keys(pkg.dependencies ?? {}),
    peerDependencies: pkg.peerDependencies,
    // jsii (JSII6) wants each peer as an exact devDependency at the peer range's lowest version.
    devDependencies: Object.fromEntries(Object.entries(pkg.peerDependencies as Record<string, string>).map(([name, range]) => [name, range.replace(/^\^/, '')])),
    jsii: {
      outdir: 'dist',
      tsconfig: 'tsconfig.jsii.json',
      validateTsconfig: 'minimal',
      targets: { python: { distName: 'cdktf-cross-cloud-mesh', module: 'cdktf_cross_cloud_mesh' } },
    },
  };
  writeFileSync(join(stagingDir, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  const projectOptions = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions;
  writeFileSync(
    join(stagingDir, 'tsconfig.jsii.json'),
    `${JSON.stringify({ compilerOptions: { ...projectOptions, sourceMap: false, noEmitOnError: true, outDir: 'out', rootDir: '.' }, include: ['lib/**/*.ts'] }, null, 2)}\n`,
  );
  const jsii = join(root, 'node_modules', '.bin', 'jsii');
  if (!existsSync(jsii)) return { status: 127, output: `${jsii} is missing: npm ci`, stagingDir };
  const run = spawnSync(jsii, ['--silence-warnings=reserved-word'], { cwd: stagingDir, encoding: 'utf8' });
  return { status: run.status ?? 1, output: `${run.stdout}${run.stderr}`, stagingDir };
}

/** jsii's error lines (`error JSII…` / `error TS…`). */
export function jsiiErrors(output: string): string[] {
  return output.split('\n').filter((line) => /\berror (JSII|TS)\d+/.test(line));
}

if (require.main === module) {
  const result = runJsiiBuild();
  process.stdout.write(result.output);
  if (result.status !== 0 || jsiiErrors(result.output).length > 0) process.exit(result.status || 1);
  if (process.argv.includes('--pacmak')) {
    const pacmak = spawnSync(join(root, 'node_modules', '.bin', 'jsii-pacmak'), ['-t', 'python', '--code-only'], { cwd: result.stagingDir, stdio: 'inherit' });
    process.exit(pacmak.status ?? 1);
  }
}
