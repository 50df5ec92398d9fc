import { buildProxyEvent } from '../event.js';
import { IntegrationTimeoutError, InternalServerError, LambdaResponseError, PayloadTooLargeForLambdaError } from '../gateway-errors.js';
import { answerMock } from '../mock-integration.js';
import { MalformedProxyResponseError, parseProxyResult } from '../proxy-response.js';
import type { InvocationContext, StepFactory } from './context.js';

/**
 * The method's integration answers: MOCK from its integration response, a
 * Lambda proxy (AWS_PROXY) by invoking the function with the payload 1.0 event
 * and passing on what it returns, if API Gateway would.
 */
export const integrateRequest: StepFactory = ({ stack, api, invoker, log }) => {
  async function lambdaProxy(ctx: InvocationContext, functionLogicalId: string, timeoutMs: number) {
    const { request, requestId, authorization } = ctx;
    const what = `API ${requestId} ${request.method} ${request.rawPath}`;
    // What the authorizer vouched for goes to the event as it is (claims, credentials, caller).
    const event = buildProxyEvent(request, ctx.match, { apiId: api.id, accountId: stack.accountId, requestId, now: ctx.at, ...authorization });
    const outcome = await invoker.invoke(functionLogicalId, event, { requestId, timeoutMs });
    if (outcome.kind === 'timeout') {
      log(`${what}: the integration took longer than ${timeoutMs} ms`);
      throw new IntegrationTimeoutError().because(`function ${functionLogicalId} did not answer within the integration's ${timeoutMs} ms`);
    }
    if (outcome.kind === 'refused') {
      // Lambda refused the Invoke call itself (an event over its 6 MB limit: 413 RequestEntityTooLargeException).
      // API Gateway then answers 413 {"message": "Request Too Long"} with x-amzn-ErrorType BadRequestException
      // (a captured answer in koki-develop/lgtm-generator#10); no other refusal is produced locally.
      log(`${what}: Lambda refused the invocation (${outcome.statusCode} ${outcome.errorType}: ${outcome.errorMessage})`);
      const refused = `Lambda refused to invoke ${functionLogicalId} (${outcome.statusCode} ${outcome.errorType})`;
      throw (outcome.statusCode === 413 ? new PayloadTooLargeForLambdaError() : new InternalServerError()).because(
        outcome.statusCode === 413 ? `${refused}: the event is over Lambda's 6 MB synchronous payload limit` : refused,
      );
    }
    if (outcome.kind !== 'ok') {
      log(`${what}: the function failed (${outcome.errorType}: ${outcome.errorMessage}); answering 502`);
      throw new LambdaResponseError().because(`function ${functionLogicalId} failed (${outcome.errorType}: ${outcome.errorMessage}); API Gateway answers 502`);
    }
    try {
      const result = parseProxyResult(outcome.payload);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.multiValueHeaders)) headers[k] = v.join(', ');
      Object.assign(headers, result.headers);
      if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
      ctx.trace.pass('integrate', `function ${functionLogicalId} answered ${result.statusCode}`);
      return { statusCode: result.statusCode, headers, body: result.body.toString('utf8') };
    } catch (err) {
      if (!(err instanceof MalformedProxyResponseError)) throw err;
      log(`${what}: malformed Lambda proxy response: ${err.message}; answering 502`);
      throw new LambdaResponseError().because(`function ${functionLogicalId} answered something that is not a proxy response (${err.message}); API Gateway answers 502`);
    }
  }

  return {
    name: 'integrate',
    async handle(ctx) {
      const { integration } = ctx.match.method;
      ctx.answer =
        integration.type === 'MOCK'
          ? (ctx.trace.pass('integrate', 'MOCK integration answered'), answerMock(integration.responses, ctx.source))
          : await lambdaProxy(ctx, integration.functionLogicalId, integration.timeoutMs);
    },
  };
};
