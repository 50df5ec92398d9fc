import { InvalidApiKeyError, QuotaExceededError, ThrottledError } from '../gateway-errors.js';
import type { StepFactory } from './context.js';

/**
 * API key and usage plan (usage-plans/), for a method with ApiKeyRequired:
 * after the authorizer, because "a usage plan keyed by an API key from a
 * Lambda authorizer (apiKeySource AUTHORIZER) can only be checked after it"
 * (see throttle.ts); the key comes from `x-api-key` (apiKeySource HEADER, the
 * default). No key, an unknown or disabled one, or one in no plan of the
 * stage: 403 `{"message":"Forbidden"}`; over the plan's rate or burst: 429
 * `{"message":"Too Many Requests"}`; over its quota: 429
 * `{"message":"Limit Exceeded"}`. Neither runs the function.
 */
export const checkApiKey: StepFactory = ({ usagePlans, log }) => ({
  name: 'api-key',
  handle(ctx) {
    const { request, match } = ctx;
    if (!match.method.apiKeyRequired) return;
    const decision = usagePlans.admit(ctx.source.headers['x-api-key'], match.stage.name, ctx.at);
    if (decision.ok) {
      ctx.trace.pass('api-key', 'the x-api-key header holds an enabled key of a usage plan of this stage, within its limits');
      return;
    }
    const what = decision.reason === 'invalid-key' ? 'the API key check' : 'the usage plan';
    const status = decision.reason === 'invalid-key' ? 403 : 429;
    log(`API ${ctx.requestId} ${request.method} ${request.rawPath}: refused by ${what} (${decision.detail}): ${status}`);
    const reason = `${decision.detail} — the method requires an API key (x-api-key)`;
    if (decision.reason === 'invalid-key') throw new InvalidApiKeyError().because(reason);
    throw (decision.reason === 'quota' ? new QuotaExceededError() : new ThrottledError()).because(decision.detail);
  },
});
