/**
 * Resource addresses are part of the public contract: a changed construct id replaces a
 * cloud resource (a cluster, a DNS zone) on the next deploy. This golden list pins every
 * address of the reference example; change it only on purpose.
 */
import { test } from 'node:test';
import { join } from 'node:path';
import { synthReferenceExample } from '../helpers/examples';
import { assertMatchesSnapshot } from '../helpers/snapshot';

test('the reference example\'s resource addresses are unchanged (test/golden/acme-corp.addresses.txt)', () => {
  const lines: string[] = [];
  for (const [stackName, stack] of Object.entries(synthReferenceExample()).sort(([a], [b]) => a.localeCompare(b))) {
    for (const [type, byName] of Object.entries(stack.resource ?? {})) {
      for (const name of Object.keys(byName)) lines.push(`${stackName} ${type}.${name}`);
    }
  }
  assertMatchesSnapshot(`${lines.sort().join('\n')}\n`, join(__dirname, 'acme-corp.addresses.txt'), 'resource addresses');
});
