import { inCidr, parseIp, unmapIpv4 } from '../../../lib/ip-cidr.js';
import { WafFilteredError } from '../gateway-errors.js';
import { RateCounter } from '../waf/rate.js';
import { readWebAcl, type WafRule } from '../waf/read.js';
import type { StepFactory } from './context.js';

/**
 * AWS WAF, first of all: "When AWS WAF is enabled on an API, AWS WAF rules
 * are evaluated before other access control features, such as resource
 * policies, IAM policies, Lambda authorizers, and Amazon Cognito authorizers"
 * (API Gateway developer guide, "Use AWS WAF to protect your REST APIs in API
 * Gateway"). The stage's web ACL (waf/read.ts): rules by priority, the first
 * Allow or Block ends the walk, Count goes on; then the default action. A
 * block is API Gateway's WAF_FILTERED answer, 403 `{"message":"Forbidden"}`.
 * Rules that cannot run here (managed rule groups) are said once at start.
 */
export const wafFilter: StepFactory = ({ stack, api, log }) => {
  const acls = new Map([...api.stages.keys()].map((stage) => [stage, readWebAcl(stack, api.id, stage)] as const));
  const counters = new Map<WafRule, RateCounter>();
  for (const [stage, acl] of acls) {
    if (!acl) continue;
    for (const rule of acl.rules) if (rule.kind === 'rate') counters.set(rule, new RateCounter(rule.limit, rule.windowMs));
    const enforced = acl.rules.map((r) => (r.kind === 'rate' ? `${r.name} (${r.limit} per ${r.windowMs / 1000} s per IP)` : `${r.name} (IP set)`));
    log(`WAF: web ACL ${acl.logicalId} on stage ${stage}: enforcing ${enforced.join(', ') || 'no rule'}`);
    if (acl.notReproduced.length > 0) {
      log(`WAF: ${acl.notReproduced.join(', ')} cannot be reproduced locally (AWS keeps their rules); they are skipped here, not an error`);
    }
  }

  const matches = (rule: WafRule, ip: string, address: Uint8Array | undefined, now: number): boolean =>
    rule.kind === 'rate' ? counters.get(rule)!.hit(ip, now) : address !== undefined && rule.ranges.some((range) => inCidr(address, range));

  return {
    name: 'waf',
    handle(ctx) {
      const { request } = ctx;
      const stage = request.rawPath.split('/')[1] ?? '';
      const acl = acls.get(stage);
      if (!acl) return;
      const parsed = parseIp(request.sourceIp);
      const address = parsed && unmapIpv4(parsed);
      const now = ctx.at.getTime();
      for (const rule of acl.rules) {
        if (!matches(rule, request.sourceIp, address, now) || rule.action === 'COUNT') continue;
        if (rule.action === 'ALLOW') {
          ctx.trace.pass('waf', `WAF rule ${rule.name} of web ACL ${acl.logicalId} allowed source ${request.sourceIp}`);
          return;
        }
        log(`API ${ctx.requestId} ${request.method} ${request.rawPath}: refused by WAF (web ACL ${acl.logicalId}, rule ${rule.name}, source ${request.sourceIp}): 403`);
        const what = rule.kind === 'rate' ? `more than ${rule.limit} requests in ${rule.windowMs / 1000} s from ${request.sourceIp}` : `source ${request.sourceIp} is in its IP set`;
        throw new WafFilteredError().because(`blocked by WAF — rule ${rule.name} of web ACL ${acl.logicalId} (${what})`);
      }
      if (acl.defaultAction === 'BLOCK') {
        log(`API ${ctx.requestId} ${request.method} ${request.rawPath}: refused by WAF (web ACL ${acl.logicalId}, default action Block): 403`);
        throw new WafFilteredError().because(`blocked by WAF — no rule of web ACL ${acl.logicalId} allowed source ${request.sourceIp}, and its default action is Block`);
      }
      ctx.trace.pass('waf', `no rule of WAF web ACL ${acl.logicalId} blocked source ${request.sourceIp}`);
    },
  };
};
