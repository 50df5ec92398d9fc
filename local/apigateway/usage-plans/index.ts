import { createHash, timingSafeEqual } from 'node:crypto';
import type { LocalStack } from '../../template/index.js';
import { TokenBucket } from '../throttling/token-bucket.js';
import { readUsagePlans, type ApiKeyModel, type UsagePlanModel } from './read.js';
import { periodStart, UsageStore } from './store.js';

export { readUsagePlans, type ApiKeyModel, type UsagePlanModel } from './read.js';
export { generateApiKeyValue, periodStart, UsageStore } from './store.js';

/** A usage plan's answer for one request that brought a key. */
export type UsageDecision =
  | { ok: true; keyId: string; planId: string }
  | { ok: false; reason: 'invalid-key' | 'throttled' | 'quota'; detail: string };

export interface UsagePlans {
  /** Every key of the API with its value (the template's, or the one generated and kept in the data folder). */
  readonly keys: readonly { id: string; logicalId: string; name: string; value: string }[];
  /** Checks the key a request brought against the usage plans of the stage, and counts it. */
  admit(presented: string | undefined, stageName: string, at: Date): UsageDecision;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The usage plans of one API as API Gateway runs them for a method that
 * requires an API key: the key (x-api-key) must be an enabled key of a plan
 * that covers the stage; then the plan's quota for the period, then its
 * token bucket (rate and burst) per key. Only a request admitted counts
 * toward the quota.
 */
export function openUsagePlans(stack: LocalStack, apiId: string, dataDir: string | undefined): UsagePlans {
  const model = readUsagePlans(stack, apiId);
  const store = new UsageStore(dataDir);
  const keys = model.keys.map((key) => ({ ...key, value: key.value ?? store.generatedValue(key.id), hash: digest(key.value ?? store.generatedValue(key.id)) }));
  const buckets = new Map<string, TokenBucket>();

  /** Compares the presented key with every key, in constant time each, without stopping at the first match. */
  function findKey(presented: string): (ApiKeyModel & { value: string }) | undefined {
    const hash = digest(presented);
    let found: (ApiKeyModel & { value: string }) | undefined;
    for (const key of keys) if (timingSafeEqual(hash, key.hash) && !found) found = key;
    return found;
  }

  return {
    keys: keys.map(({ id, logicalId, name, value }) => ({ id, logicalId, name, value })),
    admit(presented, stageName, at) {
      if (presented === undefined || presented === '') return { ok: false, reason: 'invalid-key', detail: 'no x-api-key header' };
      const key = findKey(presented);
      if (!key) return { ok: false, reason: 'invalid-key', detail: 'x-api-key is no key of this API' };
      if (!key.enabled) return { ok: false, reason: 'invalid-key', detail: `API key ${key.name} is disabled` };
      const plan = [...key.planIds].map((id) => model.plans.get(id)).find((p): p is UsagePlanModel => p !== undefined && p.stages.has(stageName));
      if (!plan) return { ok: false, reason: 'invalid-key', detail: `API key ${key.name} is in no usage plan of stage ${stageName}` };
      const period = plan.quota && periodStart(plan.quota.period, at);
      if (plan.quota && period !== undefined && store.used(key.id, plan.id, period) >= plan.quota.limit) {
        return { ok: false, reason: 'quota', detail: `API key ${key.name} used its quota of ${plan.quota.limit} per ${plan.quota.period.toLowerCase()} in usage plan ${plan.logicalId}` };
      }
      if (plan.throttle) {
        const bucketKey = `${key.id} ${plan.id}`;
        let bucket = buckets.get(bucketKey);
        if (!bucket) buckets.set(bucketKey, (bucket = new TokenBucket(plan.throttle, at.getTime())));
        if (!bucket.take(at.getTime())) {
          return { ok: false, reason: 'throttled', detail: `API key ${key.name} is over usage plan ${plan.logicalId}'s rate ${plan.throttle.rateLimit}/s, burst ${plan.throttle.burstLimit}` };
        }
      }
      if (plan.quota && period !== undefined) store.count(key.id, plan.id, period);
      return { ok: true, keyId: key.id, planId: plan.id };
    },
  };
}
