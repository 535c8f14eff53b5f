/**
 * An IAM role that one Kubernetes ServiceAccount of an EKS cluster assumes through EKS
 * Pod Identity (stage "infra"): the role trusts the Pod Identity service principal only
 * for this account and cluster, and an association binds it to the namespace and
 * ServiceAccount. Nothing is annotated in the cluster, so the charts of later stages
 * need no AWS-specific values.
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ValidationError, assertDns1123Label, assertDns1123Subdomain, isUnresolved } from '../private/validation';
import { awsProvider } from './aws-provider';

/** What a Pod Identity role needs from its cluster. */
export interface IPodIdentityCluster {
  /** Cluster name. */
  readonly clusterName: string;
  /** ARN of the cluster (the trust policy's `aws:SourceArn`). */
  readonly clusterArn: string;
  /** Account of the cluster (the trust policy's `aws:SourceAccount`). */
  readonly accountId: string;
  readonly region: string;
  /** The resource associations wait for (the Pod Identity agent add-on), if created here. */
  readonly podIdentityAgent?: ITerraformDependable;
}

/** One statement of an IAM policy. */
export interface IamPolicyStatement {
  readonly sid?: string;
  readonly actions: string[];
  readonly resources: string[];
  /**
   * Condition block, as IAM writes it: `{ "StringEquals": { "key": ["value"] } }`.
   * @default no condition
   */
  readonly conditions?: { [operator: string]: { [key: string]: string[] } };
}

/** Props of {@link PodIdentityRole}. */
export interface PodIdentityRoleProps {
  readonly cluster: IPodIdentityCluster;
  /** IAM role name: up to 64 letters, digits and `+=,.@_-`. */
  readonly roleName: string;
  /** Namespace of the ServiceAccount. */
  readonly namespace: string;
  /** Name of the ServiceAccount. */
  readonly serviceAccount: string;
  /** What the role may do (an inline policy: it lives and dies with the role). */
  readonly statements: IamPolicyStatement[];
  /**
   * Tags of the role and the association.
   * @default none
   */
  readonly tags?: { [key: string]: string };
}

/** The service principal EKS Pod Identity assumes roles as. */
export const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** The role's trust policy. Pure. */
export function podIdentityTrustPolicy(cluster: Pick<IPodIdentityCluster, 'clusterArn' | 'accountId'>): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Service: POD_IDENTITY_PRINCIPAL },
      // Pod Identity assumes with session tags (cluster, namespace, service account).
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      // Confused-deputy protection: only this account's cluster may hand the role out.
      Condition: {
        StringEquals: { 'aws:SourceAccount': cluster.accountId },
        ArnEquals: { 'aws:SourceArn': cluster.clusterArn },
      },
    }],
  });
}

/** An IAM policy document from statements. Pure. */
export function iamPolicyDocument(statements: IamPolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((statement) => ({
      ...(statement.sid !== undefined ? { Sid: statement.sid } : {}),
      Effect: 'Allow',
      Action: statement.actions,
      Resource: statement.resources,
      ...(statement.conditions !== undefined ? { Condition: statement.conditions } : {}),
    })),
  });
}

/** A role for one ServiceAccount through EKS Pod Identity. */
export class PodIdentityRole extends Construct {
  public readonly roleArn: string;
  public readonly role: IamRole;
  public readonly association: EksPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    const path = this.node.path;
    if (!isUnresolved(props.roleName) && !ROLE_NAME.test(props.roleName ?? '')) {
      throw new ValidationError(`${path}.roleName`, props.roleName, 'must be an IAM role name: 1-64 letters, digits and "+=,.@_-", e.g. "acme-aws-cert-manager"');
    }
    assertDns1123Label(props.namespace, `${path}.namespace`, 'namespace');
    assertDns1123Subdomain(props.serviceAccount, `${path}.serviceAccount`);
    if (props.statements.length === 0) {
      throw new ValidationError(`${path}.statements`, props.statements, 'must grant at least one action: a role that may do nothing is a mistake');
    }
    const provider = awsProvider(this, props.cluster.region);
    this.role = new IamRole(this, 'role', {
      provider,
      name: props.roleName,
      // CKV_AWS_60 / CKV_AWS_61: one service principal, narrowed to this account and cluster.
      assumeRolePolicy: podIdentityTrustPolicy(props.cluster),
      tags: props.tags,
    });
    new IamRolePolicy(this, 'policy', { provider, role: this.role.id, name: props.roleName, policy: iamPolicyDocument(props.statements) });
    this.association = new EksPodIdentityAssociation(this, 'association', {
      provider,
      clusterName: props.cluster.clusterName,
      namespace: props.namespace,
      serviceAccount: props.serviceAccount,
      roleArn: this.role.arn,
      tags: props.tags,
      dependsOn: props.cluster.podIdentityAgent ? [props.cluster.podIdentityAgent] : undefined,
    });
    this.roleArn = this.role.arn;
  }
}
