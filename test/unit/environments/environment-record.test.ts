import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPIRY_LABEL_FORMAT } from '../../../lib/environments/environment-record';
import { synthTopology, ephemeralExampleTopology } from '../../helpers/examples';

/**
 * Terraform's formatdate for the tokens a label format may use: a run of one letter is a
 * token (YYYY, MM, DD, hh = 24-hour, mm, ss), text in single quotes is literal, other
 * characters are copied (hashicorp/terraform@v1.11.0:internal/lang/funcs/datetime.go#FormatDate).
 */
function formatdate(format: string, instant: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const tokens: Record<string, (date: Date) => string> = {
    YYYY: (date) => pad(date.getUTCFullYear(), 4),
    MM: (date) => pad(date.getUTCMonth() + 1),
    DD: (date) => pad(date.getUTCDate()),
    hh: (date) => pad(date.getUTCHours()),
    mm: (date) => pad(date.getUTCMinutes()),
    ss: (date) => pad(date.getUTCSeconds()),
  };
  let out = '';
  for (let i = 0; i < format.length; ) {
    if (format[i] === "'") {
      const end = format.indexOf("'", i + 1);
      out += format.slice(i + 1, end);
      i = end + 1;
    } else if (/[A-Za-z]/.test(format[i])) {
      let j = i;
      while (format[j] === format[i]) j++;
      const token = tokens[format.slice(i, j)];
      if (!token) throw new Error(`formatdate token ${format.slice(i, j)} is not modelled here`);
      out += token(instant);
      i = j;
    } else {
      out += format[i++];
    }
  }
  return out;
}

/** Google Cloud label values: lower-case letters, digits, `_` and `-`, at most 63 characters. */
const GCP_LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

test('the expires-at label of a ttl environment is a valid Google label value, and sorts like the instant', () => {
  const label = formatdate(EXPIRY_LABEL_FORMAT, new Date('2030-01-31T09:05:00Z'));
  assert.equal(label, '2030-01-31t0905z');
  assert.match(label, GCP_LABEL_VALUE);
  assert.ok(formatdate(EXPIRY_LABEL_FORMAT, new Date('2030-01-31T10:00:00Z')) > label);
  // The format one would write first is not: upper-case T and Z, and ':'.
  assert.doesNotMatch(formatdate("YYYY-MM-DD'T'hh:mm'Z'", new Date('2030-01-31T09:05:00Z')), GCP_LABEL_VALUE);
});

test('with a ttl, the infra stage holds one time_offset and the record that every expires-at tag reads', () => {
  const infra = synthTopology(ephemeralExampleTopology())['pr-42-infra'];
  assert.deepEqual(Object.keys(infra.resource!.time_offset), ['ccm-expiry']);
  assert.equal(infra.resource!.time_offset['ccm-expiry'].offset_days, 3);
  const record = infra.resource!.terraform_data.ccm_environment;
  assert.equal(record.input.expires_at, '${time_offset.ccm-expiry.rfc3339}');
  assert.equal(record.input.expires_at_label, `\${formatdate("${EXPIRY_LABEL_FORMAT}", time_offset.ccm-expiry.rfc3339)}`);
  const gke = Object.values(infra.resource!.google_container_cluster)[0] as any;
  assert.equal(gke.resource_labels['expires-at'], '${terraform_data.ccm_environment.output["expires_at_label"]}');
});

test('with an explicit expiresAt, the record holds the date and no time_offset is created', () => {
  const { ttl: _ttl, ...spec } = ephemeralExampleTopology();
  const infra = synthTopology({ ...spec, expiresAt: '2030-01-31' })['pr-42-infra'];
  assert.equal(infra.resource!.time_offset, undefined);
  assert.equal(infra.resource!.terraform_data.ccm_environment.input.expires_at, '2030-01-31');
  assert.equal(infra.output!.ccm_expires_at.value, '${terraform_data.ccm_environment.output["expires_at"]}');
});
