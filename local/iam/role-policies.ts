import type { LocalStack } from '../template/index.js';
import type { PolicyDocument } from './policy.js';

/** A role of the template, found by the ARN the local identity pool put in its credentials. */
export function roleLogicalIdByArn(stack: LocalStack, roleArn: string): string | undefined {
  return stack.resourcesOfType('AWS::IAM::Role').find((id) => stack.attribute(id, 'Arn') === roleArn);
}

function refersTo(value: unknown, logicalId: string, stack: LocalStack): boolean {
  if (value !== null && typeof value === 'object' && 'Ref' in value) return (value as { Ref: unknown }).Ref === logicalId;
  return typeof value === 'string' && value === stack.physicalId(logicalId);
}

/**
 * Every policy document that applies to a role: its inline Policies, the
 * AWS::IAM::Policy and AWS::IAM::ManagedPolicy resources that name it, and
 * managed policies of the stack listed in its ManagedPolicyArns. AWS-managed
 * policies (arn:aws:iam::aws:policy/...) are not known here and grant nothing.
 */
export function policiesForRole(stack: LocalStack, roleLogicalId: string): PolicyDocument[] {
  const role = stack.template.Resources[roleLogicalId];
  if (!role || role.Type !== 'AWS::IAM::Role') return [];
  const raw: unknown[] = [];
  for (const inline of (role.Properties?.Policies ?? []) as { PolicyDocument: unknown }[]) raw.push(inline.PolicyDocument);

  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const id of stack.resourcesOfType(type)) {
      const props = stack.template.Resources[id]!.Properties ?? {};
      const roles = (props.Roles ?? []) as unknown[];
      const listedByRole = ((role.Properties?.ManagedPolicyArns ?? []) as unknown[]).some((arn) => refersTo(arn, id, stack));
      if (roles.some((r) => refersTo(r, roleLogicalId, stack)) || listedByRole) raw.push(props.PolicyDocument);
    }
  }
  return raw.filter((doc) => doc !== undefined).map((doc) => stack.resolve<PolicyDocument>(doc));
}
