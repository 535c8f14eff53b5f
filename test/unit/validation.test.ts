import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertDns1123Label,
  assertNoCidrOverlap,
  parseIpv4Cidr,
  ValidationError,
} from '../../lib/private/validation';

test('a bad DNS-1123 label is rejected with field, value and a suggested fix', () => {
  assert.throws(
    () => assertDns1123Label('Azure_West', 'topology.zones[0].name', 'zone name'),
    (error: ValidationError) =>
      error instanceof ValidationError &&
      error.message.includes('"Azure_West"') &&
      error.message.includes('topology.zones[0].name') &&
      error.message.includes('"azure-west"'),
  );
});

test('CIDRs with host bits set or out-of-range octets are not CIDRs', () => {
  assert.equal(parseIpv4Cidr('10.0.0.1/16'), undefined);
  assert.equal(parseIpv4Cidr('10.0.300.0/24'), undefined);
  assert.equal(parseIpv4Cidr('10.0.0.0/33'), undefined);
  assert.equal(parseIpv4Cidr('10.0.0.0/16')?.prefixLength, 16);
});

test('overlapping ranges name both fields', () => {
  assert.throws(
    () =>
      assertNoCidrOverlap([
        { field: 'clusters[0].network.cidr', cidr: '10.0.0.0/16' },
        { field: 'clusters[1].network.cidr', cidr: '10.0.128.0/20' },
      ]),
    /clusters\[1\]\.network\.cidr.*overlaps clusters\[0\]\.network\.cidr/,
  );
  assert.doesNotThrow(() =>
    assertNoCidrOverlap([
      { field: 'a', cidr: '10.0.0.0/16' },
      { field: 'b', cidr: '10.1.0.0/16' },
    ]),
  );
});
