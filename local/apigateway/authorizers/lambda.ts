import { randomUUID } from 'node:crypto';
import { describeExecuteApiArn, explainPolicies } from '../../iam/index.js';
import { TemplateError, type LocalStack } from '../../template/index.js';
import { queryParameters } from '../event.js';
import { AccessDeniedError, AuthorizerConfigurationError, AuthorizerFailureError, UnauthorizedError } from '../gateway-errors.js';
import type { Authorizer, AuthorizerKind, AuthorizerModel, AuthorizationRequest, AuthorizerServices } from './authorizer.js';
import { executeApiArn } from './iam.js';
import { MalformedAuthorizerAnswerError, parseAuthorizerAnswer, type LambdaAuthorizerAnswer } from './lambda-answer.js';
import { requestEvent, tokenEvent } from './lambda-event.js';

/** Where one identity-source value comes from. */
type IdentitySource = { from: 'header' | 'querystring' | 'stageVariables'; name: string };

export interface LambdaAuthorizerModel extends AuthorizerModel {
  type: 'TOKEN' | 'REQUEST';
  functionLogicalId: string;
  identitySources: IdentitySource[];
  /** TOKEN only: IdentityValidationExpression. */
  validation?: RegExp;
  /** AuthorizerResultTtlInSeconds; CloudFormation's default is 300, 0 turns the cache off. */
  ttlSeconds: number;
}

/** API Gateway waits at most 29 s for a Lambda authorizer, as for an integration. */
const AUTHORIZER_WAIT_MS = 29_000;
/** A bound on cached answers, so a flood of distinct tokens cannot grow the cloud's memory without end. */
const MAX_CACHED = 10_000;

function functionOf(stack: LocalStack, logicalId: string, uri: string): string {
  const functionArn = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri)?.[1];
  const found =
    functionArn &&
    stack.resourcesOfType('AWS::Lambda::Function').find((id) => {
      const arn = stack.attribute(id, 'Arn');
      return functionArn === arn || functionArn.startsWith(`${arn}:`);
    });
  if (!found) throw new TemplateError(`Authorizer ${logicalId} calls ${uri}, which is not a Lambda function of this stack`);
  return found;
}

function readSources(logicalId: string, type: string, text: string): IdentitySource[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const source = part.trim();
    const m = /^(?:method\.request\.(header|querystring)\.|(stageVariables)\.)(.+)$/.exec(source);
    if (!m || (type === 'TOKEN' && m[1] !== 'header')) {
      throw new TemplateError(`Authorizer ${logicalId} (${type}) reads ${source}; the local cloud serves method.request.header.*${type === 'REQUEST' ? ', method.request.querystring.* and stageVariables.*' : ''}`);
    }
    const from = (m[1] ?? m[2]) as IdentitySource['from'];
    return { from, name: from === 'header' ? m[3]!.toLowerCase() : m[3]! };
  });
}

function readLambdaAuthorizer(stack: LocalStack, base: AuthorizerModel, props: Record<string, unknown>): LambdaAuthorizerModel {
  const type = base.type as 'TOKEN' | 'REQUEST';
  const identitySources = readSources(base.logicalId, type, String(stack.resolve(props.IdentitySource ?? '')));
  if (type === 'TOKEN' && identitySources.length !== 1) throw new TemplateError(`Authorizer ${base.logicalId} is a TOKEN authorizer without one header as IdentitySource`);
  const ttlSeconds = props.AuthorizerResultTtlInSeconds === undefined ? 300 : Number(stack.resolve(props.AuthorizerResultTtlInSeconds));
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > 3600) throw new TemplateError(`Authorizer ${base.logicalId} caches for ${ttlSeconds} s; API Gateway takes 0 to 3600`);
  const expression = props.IdentityValidationExpression === undefined ? undefined : String(stack.resolve(props.IdentityValidationExpression));
  return {
    ...base,
    type,
    functionLogicalId: functionOf(stack, base.logicalId, String(stack.resolve(props.AuthorizerUri))),
    identitySources,
    ...(expression !== undefined && type === 'TOKEN' ? { validation: new RegExp(expression) } : {}),
    ttlSeconds,
  };
}

/** The identity-source values of a request, or undefined when one is missing or empty (a 401 without invoking). */
function identityValues(model: LambdaAuthorizerModel, input: AuthorizationRequest): string[] | undefined {
  const query = model.identitySources.some((s) => s.from === 'querystring') ? queryParameters(input.request.rawQuery).single : undefined;
  const values: string[] = [];
  for (const source of model.identitySources) {
    const value =
      source.from === 'header' ? input.headers[source.name] : source.from === 'querystring' ? query?.[source.name] : input.match.stage.variables[source.name];
    if (value === undefined || value === '') return undefined;
    values.push(value);
  }
  return values;
}

/** `the Authorization header`, `the header Authorization and the query parameter tenant`: what the authorizer reads. */
function describeSources(model: LambdaAuthorizerModel): string {
  const one = (s: IdentitySource) => (s.from === 'header' ? `header ${s.name}` : s.from === 'querystring' ? `query parameter ${s.name}` : `stage variable ${s.name}`);
  return model.identitySources.map(one).join(' and ') || 'identity source';
}

type Cached = { answer: LambdaAuthorizerAnswer; expires: number };

/**
 * One cache per authorizer resource, shared by every method it protects: API
 * Gateway caches an authorizer's answer per identity-source value, not per method.
 */
const caches = new WeakMap<LambdaAuthorizerModel, Map<string, Cached>>();

/**
 * A Lambda authorizer (TOKEN or REQUEST) as API Gateway runs it: identity
 * source present (and, for TOKEN, matching the validation expression) or 401
 * without invoking; the function through the local Lambda runner; its answer
 * checked, cached per identity-source value for the TTL, and its policy
 * evaluated against this request's method ARN. A cached policy is evaluated
 * against whatever method the next request is for: a policy that names only
 * the first method refuses the others (see lambda/authorizer/policy.ts).
 */
export function createLambdaAuthorizer(model: LambdaAuthorizerModel, { stack, api, invoker }: AuthorizerServices, log: (line: string) => void = () => {}): Authorizer {
  let cache = caches.get(model);
  if (!cache) caches.set(model, (cache = new Map()));

  async function invoke(input: AuthorizationRequest, values: string[], methodArn: string, requestId: string): Promise<LambdaAuthorizerAnswer> {
    const event =
      model.type === 'TOKEN'
        ? tokenEvent(values[0]!, methodArn)
        : requestEvent(input.request, input.match, methodArn, { apiId: api.id, accountId: stack.accountId, requestId, now: input.now });
    const what = `authorizer ${model.name} (${model.functionLogicalId})`;
    const outcome = await invoker.invoke(model.functionLogicalId, event, { requestId, timeoutMs: AUTHORIZER_WAIT_MS });
    if (outcome.kind === 'ok') {
      try {
        return parseAuthorizerAnswer(outcome.payload);
      } catch (err) {
        if (!(err instanceof MalformedAuthorizerAnswerError)) throw err;
        log(`${what}: malformed answer: ${err.message}; answering 500`);
        throw new AuthorizerConfigurationError().because(`the Lambda authorizer ${model.name} answered something API Gateway cannot use: ${err.message}`);
      }
    }
    // The one failure a function may choose: the error message exactly "Unauthorized" is a 401.
    if (outcome.kind === 'error' && outcome.errorMessage === 'Unauthorized') {
      throw new UnauthorizedError().because(`the Lambda authorizer ${model.name} (${model.functionLogicalId}) threw "Unauthorized": it did not accept the ${describeSources(model)}`);
    }
    if (outcome.kind === 'error') {
      log(`${what} failed (${outcome.errorType}: ${outcome.errorMessage}); answering 500`);
      throw new AuthorizerConfigurationError().because(`the Lambda authorizer ${model.name} (${model.functionLogicalId}) failed: ${outcome.errorType}: ${outcome.errorMessage}`);
    }
    const failure = outcome.kind === 'timeout' ? `gave no answer within ${AUTHORIZER_WAIT_MS} ms` : `could not be invoked (${outcome.errorType})`;
    log(`${what}: ${failure}; answering 500`);
    throw new AuthorizerFailureError().because(`the Lambda authorizer ${model.name} (${model.functionLogicalId}) ${failure}`);
  }

  return {
    async authorize(input) {
      const values = identityValues(model, input);
      if (!values) {
        return { ok: false, rejection: new UnauthorizedError().because(`no ${describeSources(model)} — the Lambda authorizer ${model.name} needs every identity source, so API Gateway refuses without invoking it`) };
      }
      if (model.validation && !model.validation.test(values[0]!)) {
        return { ok: false, rejection: new UnauthorizedError().because(`the ${describeSources(model)} does not match the authorizer's validation expression ${model.validation.source}; API Gateway refuses without invoking it`) };
      }

      const verb = input.match.method.httpMethod === 'ANY' ? input.request.method.toUpperCase() : input.match.method.httpMethod;
      const methodArn = executeApiArn(stack, api.id, input.match.stage.name, verb, input.match.path);
      const key = JSON.stringify(values);
      const nowMs = input.now.getTime();
      let answer = model.ttlSeconds > 0 ? cache.get(key) : undefined;
      let latency = 0;
      if (!answer || answer.expires <= nowMs) {
        const started = Date.now();
        const fresh = await invoke(input, values, methodArn, input.requestId ?? randomUUID());
        latency = Date.now() - started;
        answer = { answer: fresh, expires: nowMs + model.ttlSeconds * 1000 };
        if (model.ttlSeconds > 0) {
          if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
          cache.set(key, answer);
        }
      }

      const { principalId, policyDocument, context } = answer.answer;
      const explained = explainPolicies([policyDocument], 'execute-api:Invoke', methodArn);
      const { decision } = explained;
      const from = latency === 0 && model.ttlSeconds > 0 ? ' (cached answer)' : '';
      if (decision !== 'Allow') {
        // A Lambda authorizer's denial, as API Gateway words it (AWS knowledge center, "troubleshoot HTTP 403 Forbidden
        // errors when using a Lambda authorizer"; the body's key is "Message" as in captured answers, dev.to/marcogrcr).
        const message = decision === 'ExplicitDeny' ? 'User is not authorized to access this resource with an explicit deny' : 'User is not authorized to access this resource';
        const allows = explained.allowedResources.map(describeExecuteApiArn);
        const reason =
          decision === 'ExplicitDeny'
            ? `the Lambda authorizer ${model.name} answered principal "${principalId}"${from} with a policy whose statement ${explained.statement} denies ${methodArn}`
            : `the Lambda authorizer ${model.name} answered principal "${principalId}"${from} with a policy that allows ${allows.length > 0 ? `only ${allows.join(', ')}` : 'nothing'}, not ${methodArn}`;
        return { ok: false, rejection: new AccessDeniedError(message, JSON.stringify({ Message: message })).because(reason) };
      }
      return {
        ok: true,
        context: { principalId, authorizerContext: context, authorizerLatency: latency },
        explanation: `the Lambda authorizer ${model.name} answered principal "${principalId}"${from}; its policy statement ${explained.statement} allowed ${methodArn}`,
        who: principalId,
      };
    },
  };
}

/** CUSTOM: a Lambda authorizer of type TOKEN or REQUEST. */
export const lambdaAuthorizer: AuthorizerKind = {
  authorizationType: 'CUSTOM',
  authorizerTypes: ['TOKEN', 'REQUEST'],
  readAuthorizer: readLambdaAuthorizer,
  create(method, services) {
    return createLambdaAuthorizer(method.authorizer as LambdaAuthorizerModel, services, services.log ?? (() => {}));
  },
};
