/**
 * How the hashicorp/time provider reads the `time_sleep` we emit (the pause that lets an
 * AKS role assignment propagate before the next stage).
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
];
