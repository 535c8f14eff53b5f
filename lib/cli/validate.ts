/**
 * `cross-cloud-mesh validate <topology>`: loads and validates a topology file, prints
 * `ok` and a summary, or every issue as `<path>: <value> <message>` and exit code 1.
 */
import { resolve } from 'node:path';
import { loadTopology } from '../topology/load-topology';
import { TopologySpec } from '../core/topology-spec';
import { CliCommand, CliIo, reportInvalidTopology } from './cli-io';

export const validateCommand: CliCommand = {
  usage: '<topology>',
  summary: 'check a topology file (.yaml, .yml or .json) against the schema and the cross-field rules',
  details: [
    '',
    '<topology>  a .yaml, .yml or .json file; ${VAR} and ${VAR:-default} are expanded from the environment',
    '',
    'Prints "ok" and a summary (exit 0), or every issue as <field path>: <value> <message> (exit 1).',
  ],
  run: runValidate,
};

export function runValidate(args: string[], io: CliIo): number {
  if (args.length !== 1) {
    io.err('usage: cross-cloud-mesh validate <topology>');
    return 2;
  }
  const path = resolve(io.cwd, args[0]);
  let topology: TopologySpec;
  try {
    topology = loadTopology(path, io.env);
  } catch (error) {
    return reportInvalidTopology(error, args[0], io);
  }
  io.out(`ok ${args[0]}`);
  for (const line of topologySummary(topology)) io.out(`  ${line}`);
  return 0;
}

/** A few lines describing a valid topology. */
export function topologySummary(topology: TopologySpec): string[] {
  const global = topology.mesh.global;
  const routes = topology.routes ?? [];
  const crossZone = routes.filter((route) => route.via !== undefined).length;
  return [
    `environment ${topology.environment}${topology.ephemeral ? ` (ephemeral, owner ${topology.owner}, expires ${topology.expiresAt})` : ''}: stacks ${['infra', 'platform', 'mesh'].map((stage) => `${topology.environment}-${stage}`).join(', ')}`,
    `clusters: ${topology.clusters.map((cluster) => `${cluster.name} (${cluster.cloud}${cluster.existing ? ', existing' : ''})`).join(', ')}`,
    `global control plane: ${global.placement}${global.cluster ? ` on ${global.cluster}` : ''}${global.external ? ` at ${global.external.kdsAddress}` : ''}`,
    `zones: ${topology.zones.map((zone) => `${zone.name} on ${zone.cluster}`).join(', ')}`,
    `gateways: ${topology.gateways.map((gateway) => `${gateway.name} in ${gateway.zone} (*.${gateway.domain})`).join(', ')}`,
    `apis: ${(topology.apis ?? []).map((api) => api.name).join(', ') || 'none'}`,
    `routes: ${routes.length} (${routes.length - crossZone} local, ${crossZone} cross-zone) in DNS zone ${topology.dns.zone} on ${topology.dns.cloud}`,
  ];
}
