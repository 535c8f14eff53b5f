import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lazy, Tokenization } from 'cdktf';
import { TOKEN_CREATION_STACK_PLACEHOLDER, withoutTokenCreationStacks } from '../../../lib/private/token-creation-stacks';
import { synthTopologyFile } from '../../../lib/topology/synth-topology-file';

const reference = join(__dirname, '..', '..', '..', 'examples', 'acme-corp', 'topology.yaml');

/** The creation stack cdktf recorded for a new token (cdktf@0.21.0:lib/tokens/lazy.js#LazyBase, `creationStack`). */
function creationStackOfNewToken(): string[] {
  const token = Tokenization.reverseString(Lazy.stringValue({ produce: () => 'x' })).firstToken;
  assert.ok(token, 'a Lazy string is one token');
  return token.creationStack;
}

test('inside withoutTokenCreationStacks a new token records the placeholder, outside a real stack', () => {
  const inside = withoutTokenCreationStacks(creationStackOfNewToken, {});
  assert.deepEqual(inside, [TOKEN_CREATION_STACK_PLACEHOLDER]);
  const after = creationStackOfNewToken();
  assert.ok(after.some((frame) => frame.includes('token-creation-stacks.test')), `stack restored after the call: ${after.join(' | ')}`);
});

test('the capture comes back when the function throws', () => {
  assert.throws(() => withoutTokenCreationStacks(() => { throw new Error('boom'); }, {}), /boom/);
  assert.notDeepEqual(creationStackOfNewToken(), [TOKEN_CREATION_STACK_PLACEHOLDER]);
});

test('CCM_TOKEN_CREATION_STACKS=1 keeps the stacks', () => {
  const kept = withoutTokenCreationStacks(creationStackOfNewToken, { CCM_TOKEN_CREATION_STACKS: '1' });
  assert.notDeepEqual(kept, [TOKEN_CREATION_STACK_PLACEHOLDER]);
});

test('synthTopologyFile writes the same files with and without creation stacks', () => {
  // The stacks only decorate resolution errors (cdktf@0.21.0:lib/tokens/resolvable.js#resolveToken):
  // turning them off must not change one byte of what is synthesized.
  const synth = (env: { [name: string]: string | undefined }): Map<string, string> => {
    const outdir = mkdtempSync(join(tmpdir(), 'ccm-stacks-'));
    synthTopologyFile(reference, { outdir, env: { ...process.env, ...env } });
    const files = new Map<string, string>();
    const walk = (dir: string, prefix: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
        // The state paths are relative to the output directory, which differs per run.
        else files.set(prefix + entry.name, readFileSync(join(dir, entry.name), 'utf8').split(outdir).join('<outdir>'));
      }
    };
    walk(outdir, '');
    return files;
  };
  const without = synth({ CCM_TOKEN_CREATION_STACKS: undefined });
  const withStacks = synth({ CCM_TOKEN_CREATION_STACKS: '1' });
  assert.ok(without.size >= 4, `files: ${[...without.keys()].join(', ')}`);
  assert.deepEqual([...without.keys()].sort(), [...withStacks.keys()].sort());
  for (const [file, text] of without) assert.equal(text, withStacks.get(file), file);
});
