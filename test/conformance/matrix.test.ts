/**
 * The configuration matrix (test/helpers/matrix.ts): each configuration is synthesized
 * once and must pass the conformance suite, the staging invariants, the policy suite and
 * the secret scanner.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthTopology } from '../helpers/examples';
import { EXTERNAL_GLOBAL_CA_PEM, generateTopology } from '../helpers/generated-topology';
import { MATRIX, matrixName } from '../helpers/matrix';
import { checkStagingInvariants, formatViolations } from '../invariants/staging-invariants';
import { describeFailures, evaluatePolicies } from '../policy/run-policies';
import { scanStacks } from '../policy/secret-scanner';
import { checkConformance, formatFindings } from './check-stacks';
import { skipMessage, upstreamAvailable } from './upstream';

for (const options of MATRIX) {
  const name = matrixName(options);
  test(`matrix ${name}: conformant, staged, policy-clean, no secrets`, (context) => {
    // GIVEN
    const stacks = synthTopology(generateTopology(options), EXTERNAL_GLOBAL_CA_PEM);
    // THEN
    assert.deepEqual(Object.keys(stacks).sort(), [`gen${options.zones}-infra`, `gen${options.zones}-mesh`, `gen${options.zones}-platform`]);
    const violations = checkStagingInvariants(stacks);
    assert.equal(violations.length, 0, formatViolations(violations));
    const failures = evaluatePolicies(stacks).filter((result) => result.status === 'failed');
    assert.equal(failures.length, 0, describeFailures(failures));
    const secrets = scanStacks(stacks);
    assert.equal(secrets.length, 0, JSON.stringify(secrets, null, 2));
    if (!upstreamAvailable()) {
      context.skip(String(skipMessage()));
      return;
    }
    const findings = checkConformance(stacks);
    assert.equal(findings.length, 0, formatFindings(findings));
  });
}
