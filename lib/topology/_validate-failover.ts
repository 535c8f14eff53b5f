/**
 * Cross-field checks of cross-zone failover: an API listed in several zones fails over in
 * the order of `apis[].zones` (after the caller's own zone), so that list is an order and
 * must name each zone once.
 */
import type { AddIssue } from './validate-topology';
import { TopologySpec } from './topology-spec';

export function checkFailover(spec: TopologySpec, add: AddIssue): void {
  (spec.apis ?? []).forEach((api, i) => {
    api.zones.forEach((zone, k) => {
      const first = api.zones.indexOf(zone);
      if (first !== k) {
        add(
          `apis[${i}].zones[${k}]`,
          zone,
          `repeats apis[${i}].zones[${first}]: the zones of an API are its failover order (after the caller's own zone), so list each zone once`,
        );
      }
    });
  });
}
