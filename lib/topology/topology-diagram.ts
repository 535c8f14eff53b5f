/**
 * `topology.md`: a Mermaid picture of a planned topology, readable on GitHub.
 * Pure and deterministic (same plan, same text), so the reference example's
 * diagram can be pinned by a snapshot.
 */
import { cloudSupport } from '../core/cloud-registry';
import { TopologyPlan } from './topology-plan';


/** Mermaid node ids allow letters, digits and `_`. */
function nodeId(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

/** Mermaid labels are quoted; quotes inside become `#quot;`. */
function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

/** The Mermaid flowchart alone (no fences). */
export function renderMermaid(plan: TopologyPlan): string {
  const lines: string[] = ['flowchart LR', `  internet((internet))`];
  const globalId = 'global_cp';
  const clusterZones = new Map(plan.zones.map((zone) => [zone.cluster, zone]));

  for (const cluster of plan.clusters) {
    const zone = clusterZones.get(cluster.name);
    const title = `${cloudSupport(cluster.cloud).clusterKind} ${cluster.name} (${cluster.region})${cluster.existing ? ', existing' : ''}${zone ? `: zone ${zone.name}` : ''}`;
    lines.push(`  subgraph ${nodeId('cluster', cluster.name)}[${label(title)}]`);
    if (plan.global.cluster === cluster.name) {
      lines.push(`    ${globalId}[${label(`global control plane<br/>${plan.distribution}, ${plan.global.placement}`)}]`);
    }
    if (zone) {
      lines.push(`    ${nodeId('zone', zone.name)}[${label(`zone CP ${zone.name}<br/>ingress`)}]`);
      for (const gateway of plan.gateways.filter((candidate) => candidate.zone === zone.name)) {
        const certificate = gateway.certificateDnsNames.join(', ');
        const meshName = gateway.acceptsMeshTraffic ? `<br/>mesh: ${gateway.meshHostname}` : '';
        lines.push(`    ${nodeId('gw', gateway.name)}[${label(`Kong gateway ${gateway.namespace}/${gateway.name}<br/>cert ${certificate}${meshName}`)}]`);
      }
      for (const api of plan.apis.filter((candidate) => candidate.zones.includes(zone.name))) {
        const multiZone = api.failover ? `<br/>multi-zone: ${api.failover.hostname}` : '';
        lines.push(`    ${nodeId('api', api.name, zone.name)}[${label(`API ${api.namespace}/${api.name}:${api.port}${multiZone}`)}]`);
      }
    }
    lines.push('  end');
  }
  if (!plan.global.cluster) {
    lines.push(`  ${globalId}[${label(`global control plane<br/>${plan.global.placement}`)}]`);
  }

  for (const zone of plan.zones) {
    lines.push(`  ${nodeId('zone', zone.name)} -->|${label(`KDS ${plan.global.kdsAddressLabel}`)}| ${globalId}`);
  }
  for (const route of plan.routes) {
    const from = nodeId('gw', route.gateway);
    lines.push(`  internet -->|${label(`https://${route.host}${route.path === '/' ? '' : route.path}`)}| ${from}`);
    if (route.api) {
      const gateway = plan.gateways.find((candidate) => candidate.name === route.gateway);
      const failover = plan.apis.find((candidate) => candidate.name === route.api)?.failover;
      const order = failover?.orderFrom[gateway?.zone ?? ''];
      if (failover && order) {
        // Local copy first (solid); the zones it fails over to, in priority order (dotted).
        lines.push(`  ${from} -->|${label(`${route.path} via ${failover.hostname}<br/>local zone first`)}| ${nodeId('api', route.api, order[0])}`);
        order.slice(1).forEach((zone, index) => {
          lines.push(`  ${from} -.->|${label(`failover ${index + 1}: mTLS via mesh`)}| ${nodeId('api', route.api!, zone)}`);
        });
      } else {
        lines.push(`  ${from} -->|${label(route.path)}| ${nodeId('api', route.api, gateway?.zone ?? '')}`);
      }
    }
    if (route.remoteGateway) {
      const remote = plan.gateways.find((candidate) => candidate.name === route.remoteGateway);
      lines.push(
        `  ${from} -.->|${label(`mTLS via mesh: ${remote?.meshHostname ?? route.remoteGateway}<br/>TLS SNI ${route.remoteHost}`)}| ${nodeId('gw', route.remoteGateway)}`,
      );
    }
  }
  return lines.join('\n');
}

/** The whole `topology.md`: a heading, the diagram, and a table of routes. */
export function renderTopologyMarkdown(plan: TopologyPlan): string {
  const routeRows = plan.routes.map((route) => {
    const gateway = plan.gateways.find((candidate) => candidate.name === route.gateway);
    const order = plan.apis.find((candidate) => candidate.name === route.api)?.failover?.orderFrom[gateway?.zone ?? ''];
    const target = route.api
      ? order
        ? `API \`${route.api}\` in zone \`${order[0]}\`, failing over to ${order.slice(1).map((zone) => `\`${zone}\``).join(', then ')}`
        : `API \`${route.api}\` (local)`
      : `gateway \`${route.remoteGateway}\` via the mesh, Host/SNI \`${route.remoteHost}\``;
    return `| \`https://${route.host}${route.path === '/' ? '/' : route.path}\` | \`${route.gateway}\` | ${target} |`;
  });
  return [
    `# Topology \`${plan.environment}\``,
    '',
    `Mesh \`${plan.meshName}\` (${plan.distribution}, mTLS strict), DNS zone \`${plan.dnsZone}\`, certificates: ${plan.issuer}` +
      (plan.ephemeral ? ', ephemeral environment.' : '.'),
    '',
    '```mermaid',
    renderMermaid(plan),
    '```',
    '',
    '| route | gateway | goes to |',
    '|---|---|---|',
    ...routeRows,
    '',
    'Generated by cdktf-cross-cloud-mesh from the topology; do not edit by hand.',
    '',
  ].join('\n');
}
