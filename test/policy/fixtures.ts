/**
 * Deliberately insecure stacks (and their hardened twins) that prove each rule family can
 * fail. Cloud clusters are real synthesized constructs weakened in place; mesh, Kubernetes
 * and reliability fixtures are small hand-written Terraform JSON, shaped like cdk.tf.json.
 */
import type { StackJson } from '../helpers/synth';

/** Undoes every AKS hardening the AKS rules check, and drops the construct's waivers. */
export function weakenAksCluster(cluster: any): void {
  dropWaivers(cluster);
  delete cluster.oms_agent;
  delete cluster.api_server_access_profile;
  cluster.role_based_access_control_enabled = false;
  cluster.private_cluster_enabled = false;
  cluster.addon_profile = { kube_dashboard: { enabled: true } };
  cluster.azure_policy_enabled = false;
  cluster.local_account_disabled = false;
  cluster.sku_tier = 'Free';
  cluster.automatic_upgrade_channel = 'none';
  cluster.http_application_routing_enabled = true;
  delete cluster.key_vault_secrets_provider;
  delete cluster.disk_encryption_set_id;
  cluster.network_profile = { ...cluster.network_profile, network_plugin: 'kubenet' };
  delete cluster.network_profile.network_policy;
  cluster.default_node_pool = {
    ...cluster.default_node_pool,
    node_public_ip_enabled: true,
    max_pods: 30,
    os_disk_type: 'Managed',
    host_encryption_enabled: false,
    only_critical_addons_enabled: false,
    type: 'AvailabilitySet',
  };
}

/**
 * The Azure network and database resources the Azure rules read besides clusters, hardened
 * or not: a virtual network with custom DNS, a node subnet with or without an NSG
 * association, a PostgreSQL flexible server with its firewall rule and private endpoint.
 */
export function azureResourceStacks(good: boolean): Record<string, StackJson> {
  const server = 'azurerm_postgresql_flexible_server.global';
  return {
    infra: {
      resource: {
        azurerm_virtual_network: {
          nodes: { name: 'nodes', address_space: ['10.10.0.0/16'], dns_servers: good ? ['10.10.0.4', '10.10.0.5'] : ['8.8.8.8'] },
        },
        azurerm_subnet: { nodes: { name: 'nodes', virtual_network_name: '${azurerm_virtual_network.nodes.name}', address_prefixes: ['10.10.0.0/20'] } },
        ...(good
          ? { azurerm_subnet_network_security_group_association: { nodes: { subnet_id: '${azurerm_subnet.nodes.id}', network_security_group_id: '/subscriptions/x/nsg' } } }
          : {}),
        azurerm_postgresql_flexible_server: { global: { name: 'global', geo_redundant_backup_enabled: good } },
        azurerm_postgresql_flexible_server_firewall_rule: {
          egress: { server_id: `\${${server}.id}`, start_ip_address: good ? '203.0.113.7' : '0.0.0.0', end_ip_address: good ? '203.0.113.7' : '255.255.255.255' },
        },
        ...(good
          ? { azurerm_private_endpoint: { global: { private_service_connection: { private_connection_resource_id: `\${${server}.id}`, subresource_names: ['postgresqlServer'] } } } }
          : {}),
      },
    },
  };
}

/** Undoes every GKE cluster hardening the GKE rules check (and declares an inline node pool), and drops waivers. */
export function weakenGkeCluster(cluster: any): void {
  dropWaivers(cluster);
  for (const key of ['network_policy', 'master_authorized_networks_config', 'ip_allocation_policy', 'private_cluster_config', 'authenticator_groups_config']) delete cluster[key];
  Object.assign(cluster, {
    remove_default_node_pool: false,
    binary_authorization: { evaluation_mode: 'DISABLED' },
    enable_kubernetes_alpha: true,
    min_master_version: '1.24',
    logging_service: 'none',
    monitoring_service: 'none',
    enable_legacy_abac: true,
    datapath_provider: 'LEGACY_DATAPATH',
    master_auth: { client_certificate_config: { issue_client_certificate: true } },
    resource_labels: {},
    enable_intranode_visibility: false,
    enable_shielded_nodes: false,
    release_channel: { channel: 'UNSPECIFIED' },
    node_pool: [{ name: 'inline', node_count: 1 }],
    node_config: {
      shielded_instance_config: { enable_secure_boot: false, enable_integrity_monitoring: false },
      workload_metadata_config: { mode: 'GCE_METADATA' },
    },
  });
}

export function weakenGkeNodePool(pool: any): void {
  dropWaivers(pool);
  pool.management = { auto_repair: false, auto_upgrade: false };
  pool.node_config = {
    ...pool.node_config,
    image_type: 'UBUNTU_CONTAINERD',
    service_account: '123456789012-compute@developer.gserviceaccount.com',
    shielded_instance_config: { enable_secure_boot: false, enable_integrity_monitoring: false },
    workload_metadata_config: { mode: 'GCE_METADATA' },
  };
}

function dropWaivers(config: any): void {
  if (config['//']) delete config['//'].waivers;
}

function yaml(values: unknown): string {
  return JSON.stringify(values);
}

function kumaRelease(values: unknown, chart = 'kuma'): any {
  return { chart, name: 'kuma', repository: 'https://kumahq.github.io/charts', values: [yaml(values)] };
}

function manifest(kind: string, spec: unknown, extra: Record<string, unknown> = {}): any {
  return { manifest: { apiVersion: 'kuma.io/v1alpha1', kind, metadata: { name: kind.toLowerCase(), namespace: 'kuma-system' }, spec, ...extra } };
}

const STRICT_MESH = { mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] }, meshServices: { mode: 'Exclusive' } };
const VERIFIED_GLOBAL = { controlPlane: { mode: 'global', tls: { kdsGlobalServer: { secretName: 'kds-server-tls' } }, globalZoneSyncService: { loadBalancerIP: '${google_compute_address.kds.address}' } } };

/** Mesh resources and control-plane releases: hardened (`good`) or one insecure variant per check. */
export function meshStacks(good: boolean): Record<string, StackJson> {
  if (good) {
    return {
      platform: {
        resource: {
          helm_release: {
            global: kumaRelease(VERIFIED_GLOBAL),
            zone: kumaRelease({ kuma: { controlPlane: { mode: 'zone', zone: 'gcp', kdsGlobalAddress: 'grpcs://kds.acme.example:5685', tls: { kdsZoneClient: { secretName: 'kds-ca' } } } } }, 'kong-mesh'),
            universal_global: kumaRelease({ ...VERIFIED_GLOBAL, controlPlane: { ...VERIFIED_GLOBAL.controlPlane, environment: 'universal' }, postgres: { tls: { mode: 'verifyFull', caSecretName: 'pg-ca' } } }),
          },
        },
      },
      mesh: {
        resource: {
          kubernetes_manifest: {
            mesh: { manifest: { apiVersion: 'kuma.io/v1alpha1', kind: 'Mesh', metadata: { name: 'default' }, spec: STRICT_MESH } },
            meshtls: manifest('MeshTLS', { from: [{ targetRef: { kind: 'Mesh' }, default: { mode: 'Strict', tlsVersion: { min: 'TLS13' } } }] }),
            mtp: manifest('MeshTrafficPermission', {
              targetRef: { kind: 'Dataplane', labels: { app: 'catalog' } },
              from: [{ targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'gateway_kong_svc_80' } }, default: { action: 'Allow' } }],
            }),
          },
        },
      },
    };
  }
  return {
    platform: {
      resource: {
        helm_release: {
          global_no_secret: kumaRelease({ controlPlane: { mode: 'global', globalZoneSyncService: { loadBalancerIP: '203.0.113.10' } } }),
          zone_skip_verify: kumaRelease({ controlPlane: { kdsGlobalAddress: 'grpcs://kds.acme.example:5685', tls: { kdsZoneClient: { skipVerify: true } } } }),
          zone_skip_env: kumaRelease({ kuma: { controlPlane: { envVars: { KUMA_MULTIZONE_ZONE_KDS_TLS_SKIP_VERIFY: 'true' } } } }, 'kong-mesh'),
          zone_http_kds: kumaRelease({ controlPlane: { kdsGlobalAddress: 'grpc://kds.acme.example:5685' } }),
          universal_postgres_unverified: kumaRelease({ ...VERIFIED_GLOBAL, controlPlane: { ...VERIFIED_GLOBAL.controlPlane, environment: 'universal' }, postgres: { tls: { mode: 'verifyNone' } } }),
          universal_postgres_default: kumaRelease({ ...VERIFIED_GLOBAL, controlPlane: { ...VERIFIED_GLOBAL.controlPlane, environment: 'universal' } }),
        },
      },
    },
    mesh: {
      resource: {
        kubernetes_manifest: {
          mesh_no_mtls: manifest('Mesh', { meshServices: { mode: 'Exclusive' } }),
          mesh_permissive: manifest('Mesh', { mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin', mode: 'PERMISSIVE' }] } }),
          mesh_dangling_backend: manifest('Mesh', { mtls: { enabledBackend: 'ca-2', backends: [{ name: 'ca-1', type: 'builtin' }] } }),
          meshtls_permissive: manifest('MeshTLS', { rules: [{ default: { mode: 'Permissive' } }] }),
          mtp_allow_all: manifest('MeshTrafficPermission', { targetRef: { kind: 'Mesh' }, from: [{ targetRef: { kind: 'Mesh' }, default: { action: 'Allow' } }] }),
          mtp_trust_domain: manifest('MeshTrafficPermission', { rules: [{ default: { allow: [{ spiffeID: { type: 'Prefix', value: 'spiffe://default/' } }] } }] }),
          tp_wildcard: manifest('TrafficPermission', { sources: [{ match: { 'kuma.io/service': '*' } }], destinations: [{ match: { 'kuma.io/service': '*' } }] }),
        },
      },
    },
  };
}

/** A global control plane and no Mesh anywhere: the auto-created default mesh has no mTLS. */
export function globalWithoutMesh(): Record<string, StackJson> {
  return { platform: { resource: { helm_release: { global: kumaRelease(VERIFIED_GLOBAL) } } } };
}

const RESERVED_IP = '${azurerm_public_ip.gateway.ip_address}';
const NON_ROOT_POD = { security_context: { run_as_non_root: true, run_as_user: '65532' }, container: [{ name: 'api', image: 'api:1' }] };

function kongRelease(values: unknown, chart = 'kong'): any {
  return { chart, name: 'kong', repository: 'https://charts.konghq.com', values: [yaml(values)] };
}

function deployment(pod: unknown): any {
  return { metadata: { name: 'api' }, spec: { template: { metadata: {}, spec: pod } } };
}

/** Plain Kubernetes objects and gateway / control-plane releases. */
export function kubernetesStacks(good: boolean): Record<string, StackJson> {
  if (good) {
    return {
      platform: {
        resource: {
          helm_release: {
            kong: kongRelease({ proxy: { type: 'LoadBalancer', loadBalancerIP: RESERVED_IP }, admin: { enabled: true, type: 'ClusterIP' } }),
            kong_ingress_chart: kongRelease({ gateway: { proxy: { loadBalancerIP: RESERVED_IP } } }, 'ingress'),
            kuma_zone: kumaRelease({ controlPlane: { mode: 'zone' }, ingress: { enabled: true, service: { loadBalancerIP: RESERVED_IP } }, cni: { enabled: true, containerSecurityContext: { runAsUser: 0, runAsNonRoot: false } } }),
          },
          kubernetes_service_v1: {
            internal: { metadata: { name: 'internal', annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' } }, spec: { type: 'LoadBalancer', port: [{ port: 443 }] } },
            admin_cluster_ip: { metadata: { name: 'kong-admin' }, spec: { port: [{ port: 8444 }] } },
          },
          kubernetes_manifest: {
            service_lb: { manifest: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'gw' }, spec: { type: 'LoadBalancer', loadBalancerIP: RESERVED_IP } } },
          },
          kubernetes_deployment_v1: { api: deployment(NON_ROOT_POD) },
        },
      },
    };
  }
  return {
    platform: {
      resource: {
        helm_release: {
          kong_admin_nodeport: kongRelease({ admin: { enabled: true } }),
          kong_admin_ingress: kongRelease({ admin: { ingress: { enabled: true } } }),
          kong_root: kongRelease({ containerSecurityContext: { runAsUser: 0 } }),
          kuma_global_lb: kumaRelease({ controlPlane: { mode: 'global', tls: { kdsGlobalServer: { secretName: 'kds-server-tls' } } } }),
          kuma_zone_ingress_lb: kumaRelease({ ingress: { enabled: true } }),
        },
        kubernetes_service_v1: {
          admin_lb: { metadata: { name: 'kong-admin' }, spec: { type: 'LoadBalancer', port: [{ port: 8444, target_port: '8444' }] } },
        },
        kubernetes_manifest: {
          service_lb: { manifest: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'gw' }, spec: { type: 'LoadBalancer' } } },
        },
        kubernetes_deployment_v1: {
          root_api: deployment({ container: [{ name: 'api', image: 'api:1', security_context: { run_as_user: 0 } }] }),
          unset_api: deployment({ container: [{ name: 'api', image: 'api:1' }] }),
        },
      },
    },
  };
}

/** Stateful resources, Helm releases and autoscaled pools. */
export function reliabilityStacks(good: boolean): Record<string, StackJson> {
  const ephemeralLabels = { ephemeral: 'true', owner: 'platform-team', 'expires-at': '2030-01-31' };
  if (good) {
    return {
      infra: {
        resource: {
          google_container_cluster: {
            protected: { name: 'prod' },
            ephemeral: { name: 'tmp', deletion_protection: false, resource_labels: ephemeralLabels },
          },
          azurerm_dns_zone: { protected: { name: 'acme.example', lifecycle: { prevent_destroy: true } } },
          azurerm_kubernetes_cluster_node_pool: { autoscaled: { auto_scaling_enabled: true, min_count: 1, max_count: 3, lifecycle: { ignore_changes: ['node_count'] } } },
          google_container_node_pool: { autoscaled: { autoscaling: { min_node_count: 1 }, node_count: 1, lifecycle: { ignore_changes: ['node_count'] } } },
        },
      },
      platform: { resource: { helm_release: { atomic: { chart: 'cert-manager', atomic: true, cleanup_on_fail: true, timeout: 600 } } } },
    };
  }
  return {
    infra: {
      resource: {
        google_container_cluster: {
          unprotected: { name: 'prod', deletion_protection: false },
          ephemeral_protected: { name: 'tmp', resource_labels: ephemeralLabels },
        },
        azurerm_dns_zone: { unprotected: { name: 'acme.example' } },
        azurerm_kubernetes_cluster_node_pool: { autoscaled: { auto_scaling_enabled: true, min_count: 1, max_count: 3 } },
        google_container_node_pool: { autoscaled: { autoscaling: { min_node_count: 1 }, node_count: 1 } },
      },
    },
    platform: { resource: { helm_release: { non_atomic: { chart: 'cert-manager', atomic: false } } } },
  };
}
