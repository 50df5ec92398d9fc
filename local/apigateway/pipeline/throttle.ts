import { ThrottledError } from '../gateway-errors.js';
import { limitsFor } from '../throttling/settings.js';
import { TokenBucket } from '../throttling/token-bucket.js';
import type { StepFactory } from './context.js';

/**
 * Stage and method throttling: one token bucket per method of a stage
 * (throttling/), from the stage's MethodSettings. A request over the limit is
 * a 429 THROTTLED, and neither its authorizer nor its function runs.
 *
 * Where this sits: stage/method limits need only the method, so they come
 * before authorization. AWS's answer on re:Post ("Client API throttling in API
 * Gateway"): "If the rate limiting is enforced by API setting on the
 * resource/method then the custom authorizer does not need to get invoked",
 * whereas a usage plan keyed by an API key from a Lambda authorizer
 * (apiKeySource AUTHORIZER) can only be checked after it. The developer guide
 * does not state the order in so many words.
 */
export const throttleRequest: StepFactory = ({ now }) => {
  // Keyed by stage, resource and method; undefined when that method is not throttled.
  const buckets = new Map<string, { bucket: TokenBucket; rateLimit: number; burstLimit: number } | undefined>();
  return {
    name: 'throttle',
    handle(ctx) {
      const { stage, resource, method } = ctx.match;
      const key = `${stage.name} ${resource.id} ${method.httpMethod}`;
      if (!buckets.has(key)) {
        const limits = limitsFor(stage.throttling, resource.path, method.httpMethod);
        buckets.set(key, limits && { bucket: new TokenBucket(limits, now()), ...limits });
      }
      const limited = buckets.get(key);
      if (!limited) return;
      const limits = `${limited.rateLimit} requests/s, burst ${limited.burstLimit}`;
      if (!limited.bucket.take(now())) {
        throw new ThrottledError().because(`throttled — stage ${stage.name} allows ${method.httpMethod} ${resource.path} ${limits} (its MethodSettings), and this request is over it`);
      }
      ctx.trace.pass('throttle', `within stage ${stage.name}'s throttle for ${method.httpMethod} ${resource.path} (${limits})`);
    },
  };
};
