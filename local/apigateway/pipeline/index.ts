import { checkApiKey } from './api-key.js';
import { authorizeRequest } from './authorize.js';
import type { StepFactory } from './context.js';
import { integrateRequest } from './integrate.js';
import { parseRequest } from './parse.js';
import { resourcePolicyAllow, resourcePolicyDeny } from './resource-policy.js';
import { routeRequest } from './route.js';
import { throttleRequest } from './throttle.js';
import { wafFilter } from './waf.js';

export { InvocationContext, type GatewayServices, type GatewayStep, type StepFactory } from './context.js';
export { respond } from './respond.js';
export { MAX_BODY_BYTES } from './parse.js';

/**
 * The request path of the local API Gateway, in API Gateway's order. Each step
 * may refuse the request (a GatewayResponseError, rendered through the
 * template's gateway responses); the first to set an answer ends the walk.
 * WAF first of all (waf.ts, as soon as the source address is known); the
 * resource policy around the authorizer (resource-policy.ts: a Lambda
 * authorizer's explicit-deny pre-check, the rest after); API key and usage
 * plan after `authorize` (a Lambda authorizer may supply the key). Each step
 * cites the AWS documentation of its place.
 */
export const STEPS: readonly StepFactory[] = [
  parseRequest,
  wafFilter,
  routeRequest,
  throttleRequest,
  resourcePolicyDeny,
  authorizeRequest,
  resourcePolicyAllow,
  checkApiKey,
  integrateRequest,
];
