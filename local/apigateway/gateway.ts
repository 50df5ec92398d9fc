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
import type { TraceStore } from './trace/trace-store.js';
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
  /** Where each request's decision trace goes (trace/): the access log and `GET /_local/requests` read it. */
  traces?: TraceStore;
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
    let current = 'gateway';
    try {
      for (const step of steps) {
        current = step.name;
        await step.handle(ctx);
        if (ctx.answer) return ctx.answer;
      }
      throw new Error('no step of the gateway answered the request');
    } catch (err) {
      if (err instanceof GatewayResponseError) {
        // The reason stays here, in the local trace; the client gets API Gateway's bare answer.
        ctx.trace.refuse(current, err.responseType, err.reason ?? `API Gateway answered ${err.responseType} (${err.message})`);
        return renderRejection(api, err, ctx.source, ctx.requestId);
      }
      // A fault of the local cloud itself: the client gets API Gateway's generic answer, the developer the details.
      log(`API ${ctx.requestId}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      ctx.trace.refuse(current, 'DEFAULT_5XX', `a fault of the local cloud itself in step ${current} (not of the request); the terminal has the details`);
      return renderRejection(api, new InternalServerError(), ctx.source, ctx.requestId);
    }
  }

  function record(ctx: InvocationContext, req: IncomingMessage, started: number, status: number): void {
    if (!options.traces) return;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    options.traces.add(
      ctx.trace.finish({ requestId: ctx.requestId, time: new Date(started).toISOString(), method: req.method ?? 'GET', path, status, latencyMs: Date.now() - started }),
    );
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const ctx = new InvocationContext(req, randomUUID());
    const result = await answer(ctx);
    try {
      respond(res, result, ctx.requestId);
      record(ctx, req, started, result.statusCode);
    } catch (err) {
      ctx.trace.refuse('respond', 'DEFAULT_5XX', `the answer could not be sent (${err instanceof Error ? err.message : String(err)}): 500 instead`);
      record(ctx, req, started, 500);
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
