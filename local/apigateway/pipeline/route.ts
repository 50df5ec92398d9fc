import { MissingAuthenticationTokenError } from '../gateway-errors.js';
import { route } from '../router.js';
import type { StepFactory } from './context.js';

/** The stage, resource and method the path names; none is API Gateway's 403 "Missing Authentication Token". */
export const routeRequest: StepFactory = ({ api }) => ({
  name: 'route',
  handle(ctx) {
    const routed = route(api, ctx.request.rawPath, ctx.request.method);
    if (!routed.found) throw new MissingAuthenticationTokenError();
    ctx.setMatch(routed.match);
  },
});
