import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionInvoker } from '../lambda/invoke.js';
import type { LocalStack } from '../template/index.js';
import { GatewayResponseError, InternalServerError } from './gateway-errors.js';
import { renderRejection } from './gateway-responses.js';
import type { IdentityProvider } from './identity-provider.js';
import type { GatewayAnswer } from './mock-integration.js';
import type { ApiModel } from './model.js';
import { InvocationContext, respond, STEPS, type GatewayServices } from './pipeline/index.js';
import { openUsagePlans, type UsagePlans } from './usage-plans/index.js';

export { RequestTooLargeError } from './gateway-errors.js';

export interface GatewayOptions {
  stack: LocalStack;
  api: ApiModel;
  provider: IdentityProvider;
  invoker: FunctionInvoker;
  log?: (line: string) => void;
  now?: () => number;
  /** The API's usage plans (usage-plans/); by default read from the template and kept in memory only. */
  usagePlans?: UsagePlans;
}

/**
 * The local API Gateway for one REST API of the template: the steps of
 * pipeline/index.ts in order (parse, waf, route, throttle, resource policy,
 * authorize, API key and usage plan, integrate),
 * every refusal answered as API Gateway does (through the template's gateway
 * responses), no function invoked for a request that was refused. Whatever
 * goes wrong with one request is that request's answer: this handler never
 * rejects.
 */
export function createGateway(options: GatewayOptions) {
  const services: GatewayServices = {
    stack: options.stack,
    api: options.api,
    provider: options.provider,
    invoker: options.invoker,
    log: options.log ?? (() => {}),
    now: options.now ?? Date.now,
    usagePlans: options.usagePlans ?? openUsagePlans(options.stack, options.api.id, undefined),
  };
  const { api, log } = services;
  const steps = STEPS.map((step) => step(services));

  async function answer(ctx: InvocationContext): Promise<GatewayAnswer> {
    try {
      for (const step of steps) {
        await step.handle(ctx);
        if (ctx.answer) return ctx.answer;
      }
      throw new Error('no step of the gateway answered the request');
    } catch (err) {
      if (err instanceof GatewayResponseError) return renderRejection(api, err, ctx.source, ctx.requestId);
      // A fault of the local cloud itself: the client gets API Gateway's generic answer, the developer the details.
      log(`API ${ctx.requestId}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return renderRejection(api, new InternalServerError(), ctx.source, ctx.requestId);
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ctx = new InvocationContext(req, randomUUID());
    const result = await answer(ctx);
    try {
      respond(res, result, ctx.requestId);
    } catch (err) {
      // Nothing was sent (writeHead refused a header before writing): the generic 500 instead.
      log(`API ${ctx.requestId}: the answer could not be sent: ${err instanceof Error ? err.message : String(err)}`);
      try {
        respond(res, { statusCode: 500, headers: { 'Content-Type': 'application/json' }, body: '{"message":"Internal server error"}' }, ctx.requestId);
      } catch {
        res.destroy();
      }
    }
  };
}
