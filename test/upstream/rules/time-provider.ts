/**
 * How the hashicorp/time provider reads the `time_sleep` we emit (the pause that lets an
 * AKS role assignment propagate before the next stage) and the `time_offset` that fixes an
 * environment's expiry.
 */
import type { UpstreamRule, Violation } from '../types';

const SOURCE = 'hashicorp/terraform-provider-time@v0.14.0:internal/provider/resource_time_sleep.go';
/** The provider's validator: a number immediately followed by ms, s, m or h. */
const DURATION = /^[0-9]+(\.[0-9]+)?(ms|s|m|h)$/;

export const TIME_PROVIDER_RULES: readonly UpstreamRule[] = [
  {
    id: 'TIME_SLEEP_DURATIONS',
    title: 'every time_sleep has a create or destroy duration the provider accepts, and waits for something',
    sources: [`${SOURCE}#Schema`, `${SOURCE}#Create`],
    check: (app) => {
      const violations: Violation[] = [];
      for (const ref of app.resources('time_sleep')) {
        const durations = ['create_duration', 'destroy_duration'].filter((key) => ref.config[key] !== undefined);
        if (durations.length === 0) violations.push({ address: ref.address, message: 'sets neither create_duration nor destroy_duration (AtLeastOneOf)' });
        for (const key of durations) {
          if (!DURATION.test(String(ref.config[key]))) {
            violations.push({ address: ref.address, message: `${key} "${ref.config[key]}" is not a number followed by ms, s, m or h` });
          }
        }
        // A pause orders nothing unless it starts after what it waits for.
        if (app.directDependencies(ref).size === 0) violations.push({ address: ref.address, message: 'depends on nothing, so it pauses after nothing' });
      }
      return violations;
    },
  },
  {
    id: 'TIME_OFFSET_FIXED_AT_CREATE',
    title: 'every time_offset sets an offset and leaves base_rfc3339 to the provider, so its instant is fixed when it is created',
    sources: [
      'hashicorp/terraform-provider-time@v0.14.0:internal/provider/resource_time_offset.go#ConfigValidators',
      'hashicorp/terraform-provider-time@v0.14.0:internal/provider/resource_time_offset.go#ModifyPlan',
    ],
    check: (app) => {
      const violations: Violation[] = [];
      for (const ref of app.resources('time_offset')) {
        const offsets = OFFSETS.filter((key) => ref.config[key] !== undefined);
        if (offsets.length === 0) violations.push({ address: ref.address, message: `sets none of ${OFFSETS.join(', ')} (AtLeastOneOf)` });
        for (const key of offsets) {
          if (!Number.isInteger(ref.config[key])) violations.push({ address: ref.address, message: `${key} ${JSON.stringify(ref.config[key])} is not a whole number (Int64 attribute)` });
        }
        // Without base_rfc3339 the provider takes the time once, at create, and plans later
        // offsets from the stored base; a base written at synth would move at each synth.
        if (ref.config.base_rfc3339 !== undefined) {
          violations.push({ address: ref.address, message: `sets base_rfc3339 ${JSON.stringify(ref.config.base_rfc3339)}: leave it to the provider, which fixes it at create` });
        }
      }
      return violations;
    },
  },
];

const OFFSETS = ['offset_years', 'offset_months', 'offset_days', 'offset_hours', 'offset_minutes', 'offset_seconds'];
