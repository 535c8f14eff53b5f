/**
 * Token creation stacks, off while the library synthesizes a whole app.
 *
 * cdktf 0.21 captures and formats a complete stack trace each time a token is created
 * (cdktf@0.21.0:lib/tokens/private/stack-trace.js#captureStackTrace, called by
 * `Intrinsic`, `Lazy` and every `ComplexList`/`ComplexObject` a prebuilt provider class
 * builds eagerly in its constructor: about 120 per `ContainerCluster`). The trace is
 * read only to decorate the error when that token later fails to resolve
 * (lib/tokens/resolvable.js#resolveToken, "Object creation stack"); nothing of it is
 * synthesized. Measured as CPU time of whole processes, it is about 70 ms of the reference
 * example's ~250 ms of synth work beyond module loading, and 300 ms of a 20-zone
 * topology's ~900 ms (`npm run bench`, rows c and c').
 *
 * This is a known upstream cost (hashicorp/terraform-cdk#3892, open; the CDKTF fork
 * open-constructs/cdk-terrain#215 added `CDKTN_DISABLE_CREATION_STACK`, and aws-cdk
 * captures token traces only in debug mode since aws/aws-cdk#12180). cdktf 0.21 has no
 * switch, so `withoutTokenCreationStacks` swaps the capture function of cdktf's module
 * for a constant while `fn` runs, and puts the original back afterwards, also when `fn`
 * throws. It is used only by entry points that own an app from construction to synth
 * (`synthTopologyFile`), never by a construct: an app that builds its own stacks keeps
 * cdktf's behaviour. `CCM_TOKEN_CREATION_STACKS=1` keeps the traces (debugging a token
 * that does not resolve).
 */

/** What a token records as its creation stack while the capture is off. */
export const TOKEN_CREATION_STACK_PLACEHOLDER = 'token creation stacks are off during synthTopologyFile (set CCM_TOKEN_CREATION_STACKS=1 to record them)';

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

const PLACEHOLDER_STACK = [TOKEN_CREATION_STACK_PLACEHOLDER];
const placeholder = (): string[] => PLACEHOLDER_STACK;

/** cdktf's private stack-trace module, or undefined if this cdktf version has none like it. */
function stackTraceModule(): StackTraceModule | undefined {
  try {
    const module = require('cdktf/lib/tokens/private/stack-trace') as Partial<StackTraceModule>;
    return typeof module.captureStackTrace === 'function' ? (module as StackTraceModule) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `fn` with cdktf's token creation stacks off (see the file comment), then restores them. */
export function withoutTokenCreationStacks<T>(fn: () => T, env: { [name: string]: string | undefined } = process.env): T {
  const module = env.CCM_TOKEN_CREATION_STACKS === '1' ? undefined : stackTraceModule();
  if (!module) return fn();
  const previous = module.captureStackTrace;
  module.captureStackTrace = placeholder;
  try {
    return fn();
  } finally {
    module.captureStackTrace = previous;
  }
}
