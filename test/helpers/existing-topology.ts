/** Topologies whose clusters exist already (`clusters[i].existing: true`). */
import { generateTopology } from './generated-topology';
import { ALL_AWS } from './matrix';

/** Two public subnets of existing EKS cluster number `index`, distinct across clusters. */
export const existingSubnetsOf = (index: number): string[] => [`subnet-0${index}a1b2c3d4e5f6070`, `subnet-0${index}b1c2d3e4f5a6071`];

/** The all-AWS topology with every cluster existing (given its public subnets). */
export function existingAwsTopology(): any {
  const topology: any = JSON.parse(JSON.stringify(generateTopology(ALL_AWS)));
  topology.clusters = topology.clusters.map((cluster: any, index: number) => ({ name: cluster.name, cloud: cluster.cloud, existing: true, publicSubnetIds: existingSubnetsOf(index) }));
  return topology;
}
