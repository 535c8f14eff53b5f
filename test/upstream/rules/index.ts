/** Every upstream-behaviour rule, by family. */
import type { UpstreamRule } from '../types';
import { HELM_VALUES_RULES } from './helm-values';
import { ORDERING_RULES } from './ordering';
import { KONG_RULES } from './kong';
import { CERT_MANAGER_RULES } from './cert-manager';
import { KUBERNETES_PROVIDER_RULES } from './kubernetes-provider';
import { HELM_PROVIDER_RULES } from './helm-provider';
import { AZURERM_RULES } from './azurerm';
import { GOOGLE_RULES } from './google';
import { DNS_RULES } from './dns';
import { KUMA_RULES } from './kuma';
import { KUMA_FAILOVER_RULES } from './kuma-failover';
import { TIME_PROVIDER_RULES } from './time-provider';
import { KUMA_POLICY_RULES } from './kuma-policies';
import { KONG_OBSERVABILITY_RULES } from './kong-observability';

export const UPSTREAM_RULES: readonly UpstreamRule[] = [...HELM_VALUES_RULES, ...ORDERING_RULES, ...KONG_RULES, ...CERT_MANAGER_RULES, ...KUBERNETES_PROVIDER_RULES, ...HELM_PROVIDER_RULES, ...AZURERM_RULES, ...GOOGLE_RULES, ...DNS_RULES, ...KUMA_RULES, ...KUMA_FAILOVER_RULES, ...TIME_PROVIDER_RULES, ...KUMA_POLICY_RULES, ...KONG_OBSERVABILITY_RULES];
