/**
 * Property: any topology either fails validation with field-path errors, or synthesizes
 * into stacks that pass the conformance suite, the staging invariants, the policy suite
 * and the secret scanner. No other exception, ever.
 *
 * Topologies are generated valid (a random mix of clouds, zones, placements,
 * distributions, issuers) and then, half of the time, damaged by one random mutation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Cloud } from '../../lib/core/cloud';
import { CertificateIssuer, GlobalPlacement, MeshDistributionName, TopologySpec } from '../../lib/topology/topology-spec';
import { TopologyValidationError, validateTopology } from '../../lib/topology/validate-topology';
import { synthTopology } from '../helpers/examples';
import { EXTERNAL_GLOBAL_CA_PEM, generateTopology } from '../helpers/generated-topology';
import { checkConformance, formatFindings } from '../conformance/check-stacks';
import { upstreamAvailable } from '../conformance/upstream';
import { checkStagingInvariants, formatViolations } from '../invariants/staging-invariants';
import { describeFailures, evaluatePolicies } from '../policy/run-policies';
import { scanStacks } from '../policy/secret-scanner';

const FIELD_PATH = /^[a-zA-Z]+(\[\d+\])?(\.[a-zA-Z]+(\[\d+\])?)*$/;

/** One damaging edit: a path into the topology and the value put there. */
const mutation = fc.oneof(
  fc.record({ path: fc.constant(['zones', 0, 'name']), value: fc.constantFrom('Zone_A', '', 'a'.repeat(70)) }),
  fc.record({ path: fc.constant(['zones', 0, 'cluster']), value: fc.constantFrom('nowhere', 'global') }),
  fc.record({ path: fc.constant(['environment']), value: fc.constantFrom('Acme Prod', '-x', 42) }),
  fc.record({ path: fc.constant(['clusters', 1, 'network', 'vnetCidr']), value: fc.constantFrom('10.0.0.1/16', 'ten/8', '10.41.0.0/16') }),
  fc.record({ path: fc.constant(['clusters', 1, 'network', 'subnetCidr']), value: fc.constantFrom('10.40.0.0/20', '300.0.0.0/8') }),
  fc.record({ path: fc.constant(['gateways', 0, 'zone']), value: fc.constantFrom('z99', null) }),
  fc.record({ path: fc.constant(['gateways', 0, 'domain']), value: fc.constantFrom('other.example', '*.acme.example') }),
  fc.record({ path: fc.constant(['routes', 0, 'host']), value: fc.constantFrom('catalog.other.example', 'a.b.z1.acme.example', 'UPPER.acme.example') }),
  fc.record({ path: fc.constant(['routes', 0, 'api']), value: fc.constantFrom('missing', 7) }),
  fc.record({ path: fc.constant(['mesh', 'global', 'placement']), value: fc.constantFrom('somewhere', GlobalPlacement.UNIVERSAL_POSTGRES) }),
  fc.record({ path: fc.constant(['mesh', 'distribution']), value: fc.constantFrom('istio', MeshDistributionName.KONG_MESH) }),
  fc.record({ path: fc.constant(['mesh', 'minTlsVersion']), value: fc.constantFrom('TLS10', 'TLS12') }),
  fc.record({ path: fc.constant(['certificates', 'email']), value: fc.constantFrom(undefined, '') }),
  fc.record({ path: fc.constant(['dns', 'cloud']), value: fc.constantFrom('aws', Cloud.AZURE) }),
  fc.record({ path: fc.constant(['ephemeral']), value: fc.constantFrom(true, 'yes') }),
  fc.record({ path: fc.constant(['unexpected']), value: fc.constant(1) }),
);

const topology = fc
  .record({
    zones: fc.integer({ min: 1, max: 4 }),
    clouds: fc.array(fc.constantFrom(Cloud.AZURE, Cloud.GCP), { minLength: 4, maxLength: 4 }),
    ephemeral: fc.boolean(),
    distribution: fc.constantFrom(MeshDistributionName.KUMA, MeshDistributionName.KONG_MESH),
    issuer: fc.constantFrom(CertificateIssuer.ACME, CertificateIssuer.SELF_SIGNED),
    dnsCloud: fc.constantFrom(Cloud.AZURE, Cloud.GCP),
    placement: fc.constantFrom(GlobalPlacement.DEDICATED_CLUSTER, GlobalPlacement.UNIVERSAL_POSTGRES, GlobalPlacement.EXTERNAL),
    damage: fc.option(mutation, { freq: 2 }),
  })
  .map(({ clouds, damage, ...options }) => {
    const spec = generateTopology({ ...options, cloudOfZone: (index) => clouds[index] }) as unknown as Record<string, any>;
    if (damage) setPath(spec, damage.path, damage.value);
    return spec;
  });

function setPath(target: Record<string, any>, path: ReadonlyArray<string | number>, value: unknown): void {
  let node: any = target;
  for (const key of path.slice(0, -1)) {
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') node[key] = {};
    node = node[key];
  }
  node[path[path.length - 1]] = value;
}

test('random topologies are rejected with field paths, or synthesize into conformant, staged, clean stacks', () => {
  const conformance = upstreamAvailable();
  fc.assert(
    fc.property(topology, (candidate) => {
      let spec: TopologySpec;
      try {
        spec = validateTopology(JSON.parse(JSON.stringify(candidate)));
      } catch (error) {
        assert.ok(error instanceof TopologyValidationError, `only a TopologyValidationError may come out of validation, got ${String(error)}`);
        assert.ok(error.issues.length > 0);
        for (const issue of error.issues) {
          assert.match(issue.path, FIELD_PATH, `issue path names a field: ${issue.path} (${issue.message})`);
          assert.ok(issue.message.length > 10, 'the message says what is wrong');
        }
        return;
      }
      const stacks = synthTopology(spec, EXTERNAL_GLOBAL_CA_PEM);
      const violations = checkStagingInvariants(stacks);
      assert.equal(violations.length, 0, formatViolations(violations));
      const failures = evaluatePolicies(stacks).filter((result) => result.status === 'failed');
      assert.equal(failures.length, 0, describeFailures(failures));
      assert.deepEqual(scanStacks(stacks), []);
      if (conformance) {
        const findings = checkConformance(stacks);
        assert.equal(findings.length, 0, formatFindings(findings));
      }
    }),
    // Each synthesis costs ~0.3 s: 40 runs keep the suite fast; FC_RUNS raises it locally.
    { numRuns: Number(process.env.FC_RUNS ?? 40), seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
  );
});
