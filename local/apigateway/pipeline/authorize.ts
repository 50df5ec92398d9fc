import { authorizerKind } from '../authorizers/index.js';
import type { Authorizer } from '../authorizers/authorizer.js';
import type { MethodModel } from '../model.js';
import type { StepFactory } from './context.js';

/**
 * The method's authorizer (authorizers/): what it vouches for goes on to the
 * event; its refusal is the answer. Each method's authorizer is built once.
 */
export const authorizeRequest: StepFactory = (services) => {
  const authorizers = new Map<MethodModel, Authorizer>();
  const authorizerFor = (method: MethodModel): Authorizer => {
    let authorizer = authorizers.get(method);
    if (!authorizer) {
      const kind = authorizerKind(method.authorizationType, method.authorizer?.type);
      // model.ts refused every other combination at start.
      if (!kind) throw new Error(`no authorizer for ${method.authorizationType} on ${method.logicalId}`);
      authorizer = kind.create(method, services);
      authorizers.set(method, authorizer);
    }
    return authorizer;
  };
  return {
    name: 'authorize',
    async handle(ctx) {
      const result = await authorizerFor(ctx.match.method).authorize({ request: ctx.request, match: ctx.match, headers: ctx.source.headers, now: ctx.at, requestId: ctx.requestId });
      if (!result.ok) throw result.rejection;
      ctx.authorization = result.context;
      if (result.who !== undefined) ctx.trace.who = result.who;
      ctx.trace.pass('authorize', result.explanation ?? 'authorization NONE: anyone may call this method');
    },
  };
};
