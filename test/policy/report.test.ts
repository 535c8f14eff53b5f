import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ALL_RULES } from './rules';
import { README_PATH, REPORT_END, REPORT_START, currentPolicyReport, renderPolicyReport, replaceReportSection } from './report';
import type { Result } from './types';

test('the report has a row per rule saying pass, waived by which prop, FAIL or n/a', () => {
  // GIVEN
  const [first, second, third] = ALL_RULES;
  const reference: Result[] = [
    { ruleId: first.id, address: 'infra/a.b', status: 'passed' },
    { ruleId: second.id, address: 'infra/a.b', status: 'failed', reason: 'bad' },
  ];
  const ephemeral: Result[] = [
    { ruleId: first.id, address: 'infra/a.b', status: 'waived', reason: 'open', waivedBy: 'allowPublicApiServer' },
    { ruleId: second.id, address: 'infra/a.b', status: 'passed' },
  ];
  // WHEN
  const rows = renderPolicyReport(reference, ephemeral, [first, second, third]).split('\n').filter((line) => line.startsWith('| `'));
  // THEN
  assert.deepEqual(rows, [
    `| \`${first.id}\` | ${first.title} | pass | waived by \`allowPublicApiServer\` |`,
    `| \`${second.id}\` | ${second.title} | **FAIL** (\`infra/a.b\`) | pass |`,
    `| \`${third.id}\` | ${third.title} | n/a (no such resource) | n/a (no such resource) |`,
  ]);
});

test('the README section between the markers is replaced, the rest kept', () => {
  // GIVEN
  const readme = `# Title\n\n${REPORT_START}\nold table\n${REPORT_END}\n\n## Next\n`;
  // WHEN
  const updated = replaceReportSection(readme, 'new table');
  // THEN
  assert.equal(updated, `# Title\n\n${REPORT_START}\nnew table\n${REPORT_END}\n\n## Next\n`);
  assert.equal(replaceReportSection('# no markers\n', 'new table'), undefined);
});

const readme = readFileSync(README_PATH, 'utf8');
test(
  'the README policy table is up to date with the examples',
  readme.includes(REPORT_START) ? {} : { skip: `README.md has no ${REPORT_START} section yet` },
  () => {
    // THEN
    assert.equal(replaceReportSection(readme, currentPolicyReport()), readme, 'README policy report is stale: run `npm run policy:report`');
  },
);
