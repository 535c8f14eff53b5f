/**
 * The Azure rules that read network and database resources (not clusters): each passes on
 * the hardened fixture and fails on the weakened one, as Checkov's own check code decides.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureResourceStacks } from './fixtures';
import { AKS_RULES } from './rules/aks';
import { evaluatePolicies } from './run-policies';

const TYPES = ['azurerm_virtual_network', 'azurerm_subnet', 'azurerm_postgresql_flexible_server', 'azurerm_postgresql_flexible_server_firewall_rule'];
const rules = AKS_RULES.filter((rule) => rule.resourceTypes.some((type) => TYPES.includes(type)));

test('Azure network and database rules: the hardened fixture passes, the weakened one fails each rule', () => {
  // GIVEN / WHEN
  const good = evaluatePolicies(azureResourceStacks(true), rules);
  const weak = evaluatePolicies(azureResourceStacks(false), rules);
  // THEN
  assert.deepEqual(good.filter((result) => result.status !== 'passed'), []);
  assert.deepEqual([...new Set(weak.filter((result) => result.status === 'failed').map((result) => result.ruleId))].sort(), rules.map((rule) => rule.id).sort());
});
