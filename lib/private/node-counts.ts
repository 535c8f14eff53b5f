/** Node-count checks shared by the cluster constructs. */
import { ValidationError, assertIntegerInRange, isUnresolved } from './validation';
import { NodeCountDefaults } from './cluster-names';

/** Node counts: whole numbers, at least 1, min <= max. */
export function assertNodeCounts(path: string, minNodes: number | undefined, maxNodes: number | undefined, defaults: NodeCountDefaults): void {
  assertIntegerInRange(minNodes, `${path}.minNodes`, 1, 1000);
  assertIntegerInRange(maxNodes, `${path}.maxNodes`, 1, 1000);
  const min = minNodes ?? defaults.min;
  const max = maxNodes ?? defaults.max;
  if (!isUnresolved(min) && !isUnresolved(max) && min > max) {
    throw new ValidationError(maxNodes !== undefined ? `${path}.maxNodes` : `${path}.minNodes`, maxNodes ?? minNodes, `must keep minNodes (${min}) <= maxNodes (${max})`);
  }
}
