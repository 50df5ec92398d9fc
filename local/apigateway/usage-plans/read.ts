import { TemplateError, type LocalStack } from '../../template/index.js';
import type { ThrottleLimits } from '../throttling/settings.js';

/** A usage plan of the template, for the stages of one API. */
export interface UsagePlanModel {
  logicalId: string;
  id: string;
  /** Stage names of this API the plan covers (`ApiStages`). */
  stages: Set<string>;
  throttle: ThrottleLimits | undefined;
  quota: { limit: number; period: QuotaPeriod } | undefined;
}

export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

export interface ApiKeyModel {
  logicalId: string;
  id: string;
  name: string;
  enabled: boolean;
  /** The value the template gives (`Value`); none means API Gateway generates one. */
  value: string | undefined;
  /** Ids of the usage plans the key belongs to (`AWS::ApiGateway::UsagePlanKey`). */
  planIds: Set<string>;
}

export interface UsagePlansModel {
  plans: Map<string, UsagePlanModel>;
  keys: ApiKeyModel[];
}

const num = (stack: LocalStack, where: string, value: unknown): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(stack.resolve(value));
  if (!Number.isFinite(n) || n < 0) throw new TemplateError(`${where} must be a number, 0 or more; got ${JSON.stringify(value)}`);
  return n;
};

/**
 * The usage plans, API keys and usage-plan keys of the template that concern
 * one API. What the local cloud cannot reproduce is refused at start by name:
 * a quota `Offset`, and per-method throttling inside `ApiStages`.
 */
export function readUsagePlans(stack: LocalStack, apiId: string): UsagePlansModel {
  const { template } = stack;
  const plans = new Map<string, UsagePlanModel>();
  for (const logicalId of stack.resourcesOfType('AWS::ApiGateway::UsagePlan')) {
    const props = template.Resources[logicalId]!.Properties ?? {};
    const stages = new Set<string>();
    for (const entry of stack.resolve<Record<string, unknown>[]>(props.ApiStages ?? [])) {
      if (String(entry.ApiId) !== apiId) continue;
      const throttle = entry.Throttle as Record<string, unknown> | undefined;
      if (throttle && Object.keys(throttle).length > 0) {
        throw new TemplateError(`UsagePlan ${logicalId} sets per-method throttling in ApiStages, which the local cloud does not serve`);
      }
      stages.add(String(entry.Stage));
    }
    if (stages.size === 0) continue;
    const t = (props.Throttle ?? {}) as Record<string, unknown>;
    const rateLimit = num(stack, `${logicalId} Throttle.RateLimit`, t.RateLimit);
    const burstLimit = num(stack, `${logicalId} Throttle.BurstLimit`, t.BurstLimit);
    const q = props.Quota as Record<string, unknown> | undefined;
    let quota: UsagePlanModel['quota'];
    if (q) {
      if (q.Offset !== undefined && Number(stack.resolve(q.Offset)) !== 0) throw new TemplateError(`UsagePlan ${logicalId} sets a quota Offset, which the local cloud does not serve`);
      const period = String(stack.resolve(q.Period));
      if (period !== 'DAY' && period !== 'WEEK' && period !== 'MONTH') throw new TemplateError(`UsagePlan ${logicalId} has quota period ${period}; expected DAY, WEEK or MONTH`);
      quota = { limit: num(stack, `${logicalId} Quota.Limit`, q.Limit) ?? 0, period };
    }
    plans.set(stack.physicalId(logicalId), {
      logicalId,
      id: stack.physicalId(logicalId),
      stages,
      // A plan that sets only one limit leaves the other to the account's (as stage throttling does).
      throttle: rateLimit === undefined && burstLimit === undefined ? undefined : { rateLimit: rateLimit ?? 10_000, burstLimit: burstLimit ?? 5_000 },
      quota,
    });
  }

  const keys: ApiKeyModel[] = [];
  for (const logicalId of stack.resourcesOfType('AWS::ApiGateway::ApiKey')) {
    const props = template.Resources[logicalId]!.Properties ?? {};
    const id = stack.physicalId(logicalId);
    const planIds = new Set<string>();
    for (const planKeyId of stack.resourcesOfType('AWS::ApiGateway::UsagePlanKey')) {
      const pk = template.Resources[planKeyId]!.Properties ?? {};
      if (String(stack.resolve(pk.KeyId)) !== id) continue;
      const planId = String(stack.resolve(pk.UsagePlanId));
      if (plans.has(planId)) planIds.add(planId);
    }
    const value = props.Value === undefined ? undefined : String(stack.resolve(props.Value));
    // "Enabled: Specifies whether the API key can be used by callers" (default false in CloudFormation).
    keys.push({ logicalId, id, name: String(stack.resolve(props.Name ?? logicalId)), enabled: stack.resolve(props.Enabled) === true || stack.resolve(props.Enabled) === 'true', value, planIds });
  }
  return { plans, keys };
}
