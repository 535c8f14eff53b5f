/** Topologies whose clusters exist already (`clusters[i].existing: true`). */
import { existingSubnetsOf, generateTopology } from './generated-topology';
import { ALL_AWS_EXISTING } from './matrix';

export { existingSubnetsOf };

/** The all-AWS topology with every cluster existing (given its public subnets), as a mutable copy. */
export function existingAwsTopology(): any {
  return JSON.parse(JSON.stringify(generateTopology(ALL_AWS_EXISTING)));
}
