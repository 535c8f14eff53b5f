/**
 * The configuration matrix of issue 3: Kuma and Kong Mesh, each global placement,
 * 1 to 5 zones, ephemeral on and off, both issuers, DNS on either cloud. Each
 * configuration is synthesized once and must pass the conformance suite, the staging
 * invariants, the policy suite and the secret scanner.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cloud } from '../../lib/core/cloud';
import { CertificateIssuer, GlobalPlacement, MeshDistributionName } from '../../lib/topology/topology-spec';
import { synthTopology } from '../helpers/examples';
import { EXTERNAL_GLOBAL_CA_PEM, generateTopology, GeneratedTopologyOptions } from '../helpers/generated-topology';
import { checkStagingInvariants, formatViolations } from '../invariants/staging-invariants';
import { describeFailures, evaluatePolicies } from '../policy/run-policies';
import { scanStacks } from '../policy/secret-scanner';
import { checkConformance, formatFindings } from './check-stacks';
import { skipMessage, upstreamAvailable } from './upstream';

const matrix: GeneratedTopologyOptions[] = [
  { zones: 1 },
  { zones: 2, distribution: MeshDistributionName.KONG_MESH },
  { zones: 2, ephemeral: true, issuer: CertificateIssuer.SELF_SIGNED },
  { zones: 3, dnsCloud: Cloud.AZURE, placement: GlobalPlacement.UNIVERSAL_POSTGRES },
  { zones: 3, ephemeral: true, distribution: MeshDistributionName.KONG_MESH, placement: GlobalPlacement.EXTERNAL },
  { zones: 4, placement: GlobalPlacement.EXTERNAL, issuer: CertificateIssuer.SELF_SIGNED },
  { zones: 5, ephemeral: true, placement: GlobalPlacement.UNIVERSAL_POSTGRES, distribution: MeshDistributionName.KONG_MESH },
  { zones: 5, cloudOfZone: () => Cloud.AZURE },
];

for (const options of matrix) {
  const name = JSON.stringify({ ...options, cloudOfZone: options.cloudOfZone ? 'all-azure' : undefined });
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
