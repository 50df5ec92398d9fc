import { authorizeRequest } from './authorize.js';
import type { StepFactory } from './context.js';
import { integrateRequest } from './integrate.js';
import { parseRequest } from './parse.js';
import { routeRequest } from './route.js';
import { throttleRequest } from './throttle.js';

export { InvocationContext, type GatewayServices, type GatewayStep, type StepFactory } from './context.js';
export { respond } from './respond.js';
export { MAX_BODY_BYTES } from './parse.js';

/**
 * The request path of the local API Gateway, in API Gateway's order. Each step
 * may refuse the request (a GatewayResponseError, rendered through the
 * template's gateway responses); the first to set an answer ends the walk.
 * Room for what comes next, each a step of its own in this list: API key and
 * usage plan after `authorize` (a Lambda authorizer may supply the key), a
 * resource policy around it, WAF first of all.
 */
export const STEPS: readonly StepFactory[] = [parseRequest, routeRequest, throttleRequest, authorizeRequest, integrateRequest];
