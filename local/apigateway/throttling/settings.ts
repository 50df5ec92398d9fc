import { TemplateError, type LocalStack } from '../../template/index.js';

/**
 * A stage's throttling as the template sets it. `AWS::ApiGateway::Stage`
 * `MethodSettings` entries name a resource path and an HTTP method; `/*` and
 * `*` stand for every one, so `{ResourcePath: '/*', HttpMethod: '*'}` is the
 * stage's default and `{ResourcePath: '/~1ride', HttpMethod: 'POST'}` (the
 * path with `/` escaped as `~1`, as CDK writes `methodOptions['/ride/POST']`)
 * overrides it for one method. API Gateway applies these limits per method of
 * the stage: "Per-API, per-stage throttling limits are applied at the API
 * method level for a stage. You can configure the same settings for all
 * methods, or configure different throttle settings for each method."
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html)
 */

export interface ThrottleLimits {
  /** Steady-state requests per second: the bucket's refill rate. */
  rateLimit: number;
  /** The bucket's size: how many requests may arrive at once. */
  burstLimit: number;
}

type PartialLimits = { rateLimit?: number; burstLimit?: number };

export interface StageThrottling {
  /** `<resource path> <HTTP method>` (wildcards `/*`, `*`) → the limits that entry sets. */
  entries: Map<string, PartialLimits>;
}

/**
 * The account-level limits per Region ("Amazon API Gateway quotas": 10,000
 * requests per second, burst 5,000): what a method gets for a limit its stage
 * leaves unset while setting the other.
 */
export const ACCOUNT_LIMITS: ThrottleLimits = { rateLimit: 10_000, burstLimit: 5_000 };

/**
 * `/~1ride~1{id}` → `/ride/{id}`: a MethodSettings resource path is `/` and
 * then the resource path with `/` escaped as `~1` and `~` as `~0` (the root
 * resource is `/~1`).
 */
function unescapePath(path: string): string {
  if (path === '/*') return path;
  const escaped = path.startsWith('/') ? path.slice(1) : path;
  return escaped.replace(/~1/g, '/').replace(/~0/g, '~') || '/';
}

function limit(stack: LocalStack, where: string, name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(stack.resolve(value));
  if (!Number.isFinite(n) || n < 0) throw new TemplateError(`${where} sets ${name} to ${JSON.stringify(value)}; it must be a number, 0 or more`);
  return n;
}

function limitsOf(stack: LocalStack, where: string, props: Record<string, unknown>): PartialLimits {
  const rateLimit = limit(stack, where, 'ThrottlingRateLimit', props.ThrottlingRateLimit);
  const burstLimit = limit(stack, where, 'ThrottlingBurstLimit', props.ThrottlingBurstLimit);
  return { ...(rateLimit !== undefined ? { rateLimit } : {}), ...(burstLimit !== undefined ? { burstLimit } : {}) };
}

/**
 * Reads `MethodSettings` (of a Stage, or of a Deployment's `StageDescription`,
 * whose own `ThrottlingRateLimit`/`ThrottlingBurstLimit` are the stage default).
 */
export function readStageThrottling(stack: LocalStack, logicalId: string, props: Record<string, unknown>): StageThrottling {
  const entries = new Map<string, PartialLimits>();
  const topLevel = limitsOf(stack, logicalId, props);
  if (Object.keys(topLevel).length > 0) entries.set('/* *', topLevel);
  const settings = stack.resolve<Record<string, unknown>[]>(props.MethodSettings ?? []);
  for (const setting of settings) {
    const path = unescapePath(String(setting.ResourcePath ?? '/*'));
    const method = String(setting.HttpMethod ?? '*').toUpperCase();
    const limits = limitsOf(stack, `${logicalId} MethodSettings ${path} ${method}`, setting);
    if (Object.keys(limits).length > 0) entries.set(`${path} ${method}`, { ...entries.get(`${path} ${method}`), ...limits });
  }
  return { entries };
}

/**
 * The limits of one method of the stage: the most specific entry that sets
 * each limit (this method, this resource's `*`, the stage's `/*` for this
 * verb, the stage default), the account's for one left unset. Undefined when
 * the stage sets no throttling at all: the account limits, spread over every
 * API of an account, are not reproduced for one local API.
 */
export function limitsFor(throttling: StageThrottling, resourcePath: string, httpMethod: string): ThrottleLimits | undefined {
  const chain = [`${resourcePath} ${httpMethod}`, `${resourcePath} *`, `/* ${httpMethod}`, '/* *']
    .map((key) => throttling.entries.get(key))
    .filter((entry): entry is PartialLimits => entry !== undefined);
  const rateLimit = chain.find((e) => e.rateLimit !== undefined)?.rateLimit;
  const burstLimit = chain.find((e) => e.burstLimit !== undefined)?.burstLimit;
  if (rateLimit === undefined && burstLimit === undefined) return undefined;
  return { rateLimit: rateLimit ?? ACCOUNT_LIMITS.rateLimit, burstLimit: burstLimit ?? ACCOUNT_LIMITS.burstLimit };
}
