/**
 * `process.env` without its `undefined` entries: the jsii-safe `{ [name: string]: string }`
 * the public options take (`NodeJS.ProcessEnv` cannot cross jsii). A missing and an
 * undefined variable expand the same way, so nothing is lost.
 */
export function definedEnvironment(env: NodeJS.ProcessEnv): { [name: string]: string } {
  const defined: { [name: string]: string } = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) defined[name] = value;
  }
  return defined;
}
