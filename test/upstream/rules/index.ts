/** Every upstream-behaviour rule, by family. */
import type { UpstreamRule } from '../types';
import { HELM_VALUES_RULES } from './helm-values';
import { ORDERING_RULES } from './ordering';

export const UPSTREAM_RULES: readonly UpstreamRule[] = [...HELM_VALUES_RULES, ...ORDERING_RULES];
