import { MissingAuthenticationTokenError } from '../gateway-errors.js';
import type { ApiModel, ResourceNode } from '../model.js';
import { route } from '../router.js';
import { authModeOf } from '../trace/decision-trace.js';
import type { StepFactory } from './context.js';

const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const AS_SAID = 'API Gateway answers 403 Missing Authentication Token for a path it does not serve, not 404';

function resourcePaths(node: ResourceNode, out: string[] = []): string[] {
  if (node.methods.size > 0) out.push(`${[...node.methods.keys()].join('|')} ${node.path}`);
  for (const child of node.children) resourcePaths(child, out);
  return out;
}

/** Why no method serves this path, in plain words: no such stage, no such resource, or not this verb. */
export function whyNoRoute(api: ApiModel, rawPath: string, method: string): string {
  const stageName = rawPath.split('/').filter((s) => s !== '')[0];
  if (stageName === undefined || !api.stages.has(stageName)) {
    return `no stage ${stageName === undefined ? 'in the path' : `\`${stageName}\``} — this API's stage${api.stages.size === 1 ? ' is' : 's are'} ${[...api.stages.keys()].join(', ')}; ${AS_SAID}`;
  }
  const verbs = VERBS.filter((verb) => route(api, rawPath, verb).found);
  if (verbs.length > 0) return `the resource has no ${method.toUpperCase()} method (it has ${verbs.join(', ')}); ${AS_SAID}`;
  const known = resourcePaths(api.root);
  return `no resource of the API matches ${rawPath.slice(stageName.length + 1) || '/'} (it has ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''}); ${AS_SAID}`;
}

/** The stage, resource and method the path names; none is API Gateway's 403 "Missing Authentication Token". */
export const routeRequest: StepFactory = ({ api }) => ({
  name: 'route',
  handle(ctx) {
    const routed = route(api, ctx.request.rawPath, ctx.request.method);
    if (!routed.found) throw new MissingAuthenticationTokenError().because(whyNoRoute(api, ctx.request.rawPath, ctx.request.method));
    const { match } = routed;
    ctx.setMatch(match);
    ctx.trace.authMode = authModeOf(match.method.authorizationType);
    ctx.trace.pass('route', `stage ${match.stage.name}, resource ${match.resource.path}, method ${match.method.httpMethod} (authorization ${match.method.authorizationType})`);
  },
});
