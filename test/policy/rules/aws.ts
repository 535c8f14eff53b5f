/**
 * AWS rules, mirroring Checkov's checks (bridgecrewio/checkov@3.3.13) of the AWS types
 * lib/aws emits: `aws_eks_cluster`, `aws_eks_node_group`, `aws_launch_template`,
 * `aws_kms_key`, `aws_cloudwatch_log_group`, `aws_subnet`, `aws_iam_role` and
 * `aws_default_security_group`, `aws_vpc`. Each comment names the Checkov class whose logic the rule
 * follows (checkov/terraform/checks/resource/aws/<Class>.py; graph checks under
 * checkov/terraform/checks/graph_checks/aws/). A rule may be stricter than Checkov, never laxer.
 *
 * Not registered in rules/index.ts yet: registering adds these ids to EXPECTED_RULE_IDS of
 * policy.test.ts, which the lead merges with the other helpers' changes.
 */
import { asList, get, isFalse, isSet, isTrue } from '../attributes';
import { CheckOutcome, PASSED, PolicyRule, RuleFamily, failed } from '../types';

const CLUSTER = 'aws_eks_cluster';
const NODE_GROUP = 'aws_eks_node_group';
const LAUNCH_TEMPLATE = 'aws_launch_template';
const KMS_KEY = 'aws_kms_key';
const LOG_GROUP = 'aws_cloudwatch_log_group';
const EVERYWHERE = '0.0.0.0/0';

/** EKSControlPlaneLogging.log_types */
const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
/** EKSPlatformVersion.get_expected_values */
const EKS_SUPPORTED_VERSIONS = ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'];
/** IAMRoleAllowAssumeFromAccount's ACCOUNT_ACCESS: a bare account id or an account root ARN. */
const ACCOUNT_ACCESS = /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:root)/;

/** A JSON policy string parsed, or undefined (Checkov skips what it cannot parse). */
function policyOf(value: unknown): any {
  if (typeof value !== 'string') return value && typeof value === 'object' ? value : undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function wildcard(principal: unknown): boolean {
  return principal === '*' || (Array.isArray(principal) && principal.includes('*'));
}

function expect(condition: boolean, reason: string): CheckOutcome {
  return condition ? PASSED : failed(reason);
}

export const AWS_RULES: readonly PolicyRule[] = [
  {
    // EKSControlPlaneLogging: every one of the five log types.
    id: 'CKV_AWS_37',
    title: 'EKS control plane logging is enabled for all log types',
    family: RuleFamily.AWS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      const enabled = asList(c.enabled_cluster_log_types);
      const missing = EKS_LOG_TYPES.filter((type) => !enabled.includes(type));
      return expect(missing.length === 0, `enabled_cluster_log_types lacks ${missing.join(', ')}`);
    },
  },
  {
    // EKSPublicAccessCIDR: passes with the public endpoint off, or a non-empty CIDR list without 0.0.0.0/0.
    id: 'CKV_AWS_38',
    title: 'EKS public endpoint is not reachable from 0.0.0.0/0',
    family: RuleFamily.AWS,
    resourceTypes: [CLUSTER],
    check: (c) => {
      if (isFalse(get(c, 'vpc_config.endpoint_public_access'))) return PASSED;
      const cidrs = asList(get(c, 'vpc_config.public_access_cidrs'));
      return expect(cidrs.length > 0 && !cidrs.includes(EVERYWHERE), `public endpoint open to ${cidrs.length ? cidrs.join(', ') : 'EKS\'s default 0.0.0.0/0'}`);
    },
  },
  {
    // EKSPublicAccess: endpoint_public_access must be false (its default is true).
    id: 'CKV_AWS_39',
    title: 'EKS public endpoint is disabled',
    family: RuleFamily.AWS,
    resourceTypes: [CLUSTER],
    check: (c) => expect(isFalse(get(c, 'vpc_config.endpoint_public_access')), 'vpc_config.endpoint_public_access is not false'),
  },
  {
    // EKSSecretsEncryption: encryption_config.resources == ["secrets"].
    id: 'CKV_AWS_58',
    title: 'EKS secrets encryption is enabled',
    family: RuleFamily.AWS,
    resourceTypes: [CLUSTER],
    check: (c) => expect(asList(get(c, 'encryption_config.resources')).includes('secrets') && isSet(get(c, 'encryption_config.provider.key_arn')), 'no encryption_config for secrets with a key'),
  },
  {
    // EKSPlatformVersion: missing version passes (EKS picks its default); else one of the supported.
    id: 'CKV_AWS_339',
    title: 'EKS runs a supported Kubernetes version',
    family: RuleFamily.AWS,
    resourceTypes: [CLUSTER],
    check: (c) => expect(c.version === undefined || EKS_SUPPORTED_VERSIONS.includes(String(c.version)), `version ${c.version} is not supported`),
  },
  {
    // EKSNodeGroupRemoteAccess: an SSH key without source security groups fails.
    id: 'CKV_AWS_100',
    title: 'EKS node group has no implicit SSH access from 0.0.0.0/0',
    family: RuleFamily.AWS,
    resourceTypes: [NODE_GROUP],
    check: (c) => {
      const remote = get(c, 'remote_access');
      return expect(!(remote && 'ec2_ssh_key' in remote && !('source_security_group_ids' in remote)), 'remote_access with an SSH key and no source security groups');
    },
  },
  {
    // IMDSv1Disabled: metadata_options.http_tokens = "required" (or the endpoint disabled); absent fails.
    id: 'CKV_AWS_79',
    title: 'Instance metadata service version 1 is disabled',
    family: RuleFamily.AWS,
    resourceTypes: [LAUNCH_TEMPLATE],
    check: (c) => {
      if (get(c, 'metadata_options.http_endpoint') === 'disabled') return PASSED;
      return expect(get(c, 'metadata_options.http_tokens') === 'required', 'metadata_options.http_tokens is not "required"');
    },
  },
  {
    // LaunchTemplateMetadataHop: hop limit 1; a missing block passes (AWS's default is 1).
    id: 'CKV_AWS_341',
    title: 'Launch template metadata response hop limit is 1',
    family: RuleFamily.AWS,
    resourceTypes: [LAUNCH_TEMPLATE],
    check: (c) => {
      const hops = get(c, 'metadata_options.http_put_response_hop_limit');
      return expect(get(c, 'metadata_options') === undefined || hops === undefined || Number(hops) === 1, `http_put_response_hop_limit is ${hops}`);
    },
  },
  {
    // EC2PublicIP: network_interfaces[0].associate_public_ip_address must not be true.
    id: 'CKV_AWS_88',
    title: 'Launch template gives instances no public IP',
    family: RuleFamily.AWS,
    resourceTypes: [LAUNCH_TEMPLATE],
    check: (c) => expect(!isTrue(get(asList(c.network_interfaces)[0], 'associate_public_ip_address')), 'network_interfaces[0].associate_public_ip_address is true'),
  },
  {
    // KMSRotation: enable_key_rotation true for symmetric (and HMAC) keys.
    id: 'CKV_AWS_7',
    title: 'KMS key rotation is enabled',
    family: RuleFamily.AWS,
    resourceTypes: [KMS_KEY],
    appliesTo: (c) => c.customer_master_key_spec === undefined || /SYMMETRIC_DEFAULT|HMAC/.test(String(c.customer_master_key_spec)),
    check: (c) => expect(isTrue(c.enable_key_rotation), 'enable_key_rotation is not true'),
  },
  {
    // KMSKeyIsEnabled: is_enabled true (stricter: an absent value fails, as the base check does).
    id: 'CKV_AWS_227',
    title: 'KMS key is enabled',
    family: RuleFamily.AWS,
    resourceTypes: [KMS_KEY],
    check: (c) => expect(isTrue(c.is_enabled), 'is_enabled is not true'),
  },
  {
    // KMSKeyWildcardPrincipal: an Allow statement without condition naming "*" (or AWS "*") fails.
    id: 'CKV_AWS_33',
    title: 'KMS key policy has no wildcard principal',
    family: RuleFamily.AWS,
    resourceTypes: [KMS_KEY],
    check: (c) => {
      const policy = policyOf(c.policy);
      for (const statement of asList(policy?.Statement)) {
        if (statement.Effect === 'Deny' || statement.Condition !== undefined || statement.Principal === undefined) continue;
        if (wildcard(statement.Principal) || wildcard(statement.Principal.AWS)) return failed(`statement ${statement.Sid ?? ''} allows any principal`);
      }
      return PASSED;
    },
  },
  {
    // CloudWatchLogGroupRetention: retention_in_days set.
    id: 'CKV_AWS_66',
    title: 'CloudWatch log group has a retention',
    family: RuleFamily.AWS,
    resourceTypes: [LOG_GROUP],
    check: (c) => expect(c.retention_in_days !== undefined, 'no retention_in_days'),
  },
  {
    // CloudWatchLogGroupRetentionYear: 0 (never expire) or at least 365 days.
    id: 'CKV_AWS_338',
    title: 'CloudWatch log group keeps logs a year at least',
    family: RuleFamily.AWS,
    resourceTypes: [LOG_GROUP],
    check: (c) => expect(typeof c.retention_in_days === 'number' && (c.retention_in_days === 0 || c.retention_in_days >= 365), `retention_in_days is ${c.retention_in_days}`),
  },
  {
    // CloudWatchLogGroupKMSKey: kms_key_id set.
    id: 'CKV_AWS_158',
    title: 'CloudWatch log group is encrypted with KMS',
    family: RuleFamily.AWS,
    resourceTypes: [LOG_GROUP],
    check: (c) => expect(isSet(c.kms_key_id), 'no kms_key_id'),
  },
  {
    // SubnetPublicIP: map_public_ip_on_launch must be false (absent passes: AWS's default is false).
    id: 'CKV_AWS_130',
    title: 'VPC subnets assign no public IP by default',
    family: RuleFamily.AWS,
    resourceTypes: ['aws_subnet'],
    check: (c) => expect(!isTrue(c.map_public_ip_on_launch), 'map_public_ip_on_launch is true'),
  },
  {
    // IAMRoleAllowsPublicAssume: an Allow statement trusting AWS "*" fails.
    id: 'CKV_AWS_60',
    title: 'IAM role is assumable only by named services or principals',
    family: RuleFamily.AWS,
    resourceTypes: ['aws_iam_role'],
    check: (c) => {
      for (const statement of asList(policyOf(c.assume_role_policy)?.Statement)) {
        if (statement.Effect === 'Deny') continue;
        if (wildcard(statement.Principal?.AWS)) return failed('trust policy allows AWS "*"');
      }
      return PASSED;
    },
  },
  {
    // IAMRoleAllowAssumeFromAccount: an Allow statement trusting a whole account fails.
    id: 'CKV_AWS_61',
    title: 'IAM role trust does not extend to a whole account',
    family: RuleFamily.AWS,
    resourceTypes: ['aws_iam_role'],
    check: (c) => {
      for (const statement of asList(policyOf(c.assume_role_policy)?.Statement)) {
        if (statement.Effect === 'Deny') continue;
        if (asList(statement.Principal?.AWS).some((p) => typeof p === 'string' && ACCOUNT_ACCESS.test(p))) return failed('trust policy names an account root');
      }
      return PASSED;
    },
  },
  {
    // graph check VPCHasFlowLog (checkov/terraform/checks/graph_checks/aws/VPCHasFlowLog.yaml): an aws_flow_log connected to each aws_vpc.
    id: 'CKV2_AWS_11',
    title: 'VPC flow logging is enabled',
    family: RuleFamily.AWS,
    resourceTypes: ['aws_vpc'],
    check: (_c, context) => {
      const reference = `\${aws_vpc.${context.resourceName}.id}`;
      return expect(Object.values(context.stack.resource?.aws_flow_log ?? {}).some((f: any) => f.vpc_id === reference), 'no aws_flow_log for this VPC');
    },
  },
  {
    // graph check VPCHasRestrictedSG (checkov/terraform/checks/graph_checks/aws/VPCHasRestrictedSG.yaml):
    // each aws_vpc is connected to an aws_default_security_group with no ingress or egress rule.
    id: 'CKV2_AWS_12',
    title: 'The default security group of every VPC restricts all traffic',
    family: RuleFamily.AWS,
    resourceTypes: ['aws_vpc'],
    check: (_c, context) => {
      const reference = `\${aws_vpc.${context.resourceName}.id}`;
      const groups = Object.values(context.stack.resource?.aws_default_security_group ?? {}).filter((g: any) => g.vpc_id === reference) as any[];
      if (groups.length === 0) return failed('no aws_default_security_group manages this VPC\'s default group (AWS\'s allows all traffic within the group)');
      return expect(groups.every((g) => asList(g.ingress).length === 0 && asList(g.egress).length === 0), 'the default security group has rules');
    },
  },
];
