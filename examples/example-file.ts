import { join, sep } from 'node:path';

/**
 * A file of the examples folder, whether the example runs from source (tsx) or compiled
 * (`dist/examples`, as `npm run synth` runs it): data files are not copied into dist/.
 */
export function exampleFile(...parts: string[]): string {
  const compiled = __dirname.endsWith(`${sep}dist${sep}examples`);
  return join(compiled ? join(__dirname, '..', '..', 'examples') : __dirname, ...parts);
}
