/** Every policy rule, in report order. */
import type { PolicyRule } from '../types';
import { AKS_RULES } from './aks';
import { AWS_RULES } from './aws';
import { DNS_RULES } from './dns';
import { GKE_RULES } from './gke';
import { KUBERNETES_RULES } from './kubernetes';
import { MESH_RULES } from './mesh';
import { RELIABILITY_RULES } from './reliability';

export const ALL_RULES: readonly PolicyRule[] = [...AKS_RULES, ...GKE_RULES, ...MESH_RULES, ...KUBERNETES_RULES, ...RELIABILITY_RULES, ...DNS_RULES, ...AWS_RULES];
