import { parseCidr, type ParsedCidr } from '../../../lib/ip-cidr.js';
import { TemplateError, type LocalStack } from '../../template/index.js';

/**
 * The WAFv2 web ACL associated with a stage, as far as it can run here: rules
 * in priority order, each a rate-based rule per source IP or an IP-set
 * reference, with its action. Anything else (managed rule groups, byte-match
 * and other statements) cannot be reproduced locally: it is listed in
 * `notReproduced`, said once at start, and skipped.
 */
export interface WebAclModel {
  logicalId: string;
  defaultAction: 'ALLOW' | 'BLOCK';
  rules: WafRule[];
  notReproduced: string[];
}

export type WafAction = 'ALLOW' | 'BLOCK' | 'COUNT';

export type WafRule =
  | { name: string; action: WafAction; kind: 'rate'; limit: number; windowMs: number }
  | { name: string; action: WafAction; kind: 'ipset'; ranges: ParsedCidr[] };

const actionOf = (action: Record<string, unknown> | undefined): WafAction | undefined =>
  action?.Block !== undefined ? 'BLOCK' : action?.Allow !== undefined ? 'ALLOW' : action?.Count !== undefined ? 'COUNT' : undefined;

/** `arn:aws:apigateway:REGION::/restapis/ID/stages/NAME`: what a WebACLAssociation names a REST API stage by. */
export function stageArn(stack: LocalStack, apiId: string, stage: string): string {
  return `arn:aws:apigateway:${stack.region}::/restapis/${apiId}/stages/${stage}`;
}

function ipSetRanges(stack: LocalStack, arn: string, where: string): ParsedCidr[] {
  const logicalId = stack.resourcesOfType('AWS::WAFv2::IPSet').find((id) => stack.attribute(id, 'Arn') === arn);
  if (!logicalId) throw new TemplateError(`${where} refers to IP set ${arn}, which is not in the template`);
  const addresses = stack.resolve<string[]>(stack.template.Resources[logicalId]!.Properties?.Addresses ?? []);
  return addresses.map((a) => parseCidr(a) ?? (() => { throw new TemplateError(`IP set ${logicalId} lists ${a}, which is no CIDR`); })());
}

/** The web ACL on one stage of an API, or undefined when none is associated. */
export function readWebAcl(stack: LocalStack, apiId: string, stage: string): WebAclModel | undefined {
  const wanted = stageArn(stack, apiId, stage);
  const association = stack
    .resourcesOfType('AWS::WAFv2::WebACLAssociation')
    .find((id) => stack.resolve<string>(stack.template.Resources[id]!.Properties?.ResourceArn) === wanted);
  if (!association) return undefined;
  const aclArn = stack.resolve<string>(stack.template.Resources[association]!.Properties?.WebACLArn);
  const logicalId = stack.resourcesOfType('AWS::WAFv2::WebACL').find((id) => stack.attribute(id, 'Arn') === aclArn);
  if (!logicalId) throw new TemplateError(`WebACLAssociation ${association} names a web ACL that is not in the template`);
  const props = stack.resolve<Record<string, any>>(stack.template.Resources[logicalId]!.Properties ?? {});
  const rules: WafRule[] = [];
  const notReproduced: string[] = [];
  const sorted = [...((props.Rules ?? []) as Record<string, any>[])].sort((a, b) => Number(a.Priority) - Number(b.Priority));
  for (const rule of sorted) {
    const name = String(rule.Name);
    const statement = (rule.Statement ?? {}) as Record<string, any>;
    const action = actionOf(rule.Action);
    const rate = statement.RateBasedStatement as Record<string, unknown> | undefined;
    if (rate && action && (rate.AggregateKeyType ?? 'IP') === 'IP' && rate.ScopeDownStatement === undefined) {
      // "EvaluationWindowSec ... Default: 300" (AWS WAFV2 API reference, RateBasedStatement).
      rules.push({ name, action, kind: 'rate', limit: Number(rate.Limit), windowMs: Number(rate.EvaluationWindowSec ?? 300) * 1000 });
    } else if (statement.IPSetReferenceStatement && action && statement.IPSetReferenceStatement.IPSetForwardedIPConfig === undefined) {
      rules.push({ name, action, kind: 'ipset', ranges: ipSetRanges(stack, String(statement.IPSetReferenceStatement.Arn), `Web ACL ${logicalId} rule ${name}`) });
    } else {
      const what = statement.ManagedRuleGroupStatement
        ? `managed rule group ${statement.ManagedRuleGroupStatement.VendorName}/${statement.ManagedRuleGroupStatement.Name}`
        : `a ${Object.keys(statement)[0] ?? 'empty'} statement`;
      notReproduced.push(`${name} (${what})`);
    }
  }
  return { logicalId, defaultAction: props.DefaultAction?.Block !== undefined ? 'BLOCK' : 'ALLOW', rules, notReproduced };
}
