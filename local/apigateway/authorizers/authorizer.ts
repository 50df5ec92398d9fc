import type { FunctionInvoker } from '../../lambda/invoke.js';
import type { LocalStack } from '../../template/index.js';
import type { IncomingRequest } from '../event.js';
import type { GatewayResponseError } from '../gateway-errors.js';
import type { IdentityProvider, IssuedCredentials } from '../identity-provider.js';
import type { ApiModel, MethodModel } from '../model.js';
import type { RouteMatch } from '../router.js';

/**
 * The contract every authorizer type meets, as CDK models it (an
 * `IAuthorizer` per type behind one `authorizationType`) and as API Gateway
 * runs it: the request and the method it was routed to go in; out comes what
 * the function will be told about the caller, or the refusal to send instead.
 */

/** What an authorizer sees of a request. */
export interface AuthorizationRequest {
  request: IncomingRequest;
  match: RouteMatch;
  /** Lower-case header name → last value. */
  headers: Record<string, string>;
  /** The gateway's clock, for expiry and the SigV4 date window. */
  now: Date;
  /** The gateway's id of this request (a Lambda authorizer's invocation carries it). */
  requestId?: string;
}

/** What an accepted request carries into the event (`requestContext.authorizer` / `requestContext.identity`). */
export interface AuthorizationContext {
  /** A Cognito authorizer's token claims, every value a string. */
  claims?: Record<string, string>;
  /** AWS_IAM: the identity pool's credentials the request was signed with. */
  credentials?: IssuedCredentials;
  /** AWS_IAM: `<role id>:CognitoIdentityCredentials`, what `identity.caller` and `identity.user` hold. */
  caller?: string;
  /** A Lambda authorizer's `principalId`. */
  principalId?: string;
  /** A Lambda authorizer's `context`, flat: what `requestContext.authorizer` carries beside the principalId. */
  authorizerContext?: Record<string, string | number | boolean>;
  /** How long the Lambda authorizer took (ms; 0 for a cached answer): `requestContext.authorizer.integrationLatency`. */
  authorizerLatency?: number;
}

/**
 * An authorizer's verdict. `explanation` (what was checked and held) and `who`
 * (the caller in a few words) feed the local decision trace only; a rejection
 * carries its reason on the error (`GatewayResponseError.reason`).
 */
export type AuthorizationResult =
  | { ok: true; context: AuthorizationContext; explanation?: string; who?: string }
  | { ok: false; rejection: GatewayResponseError };

export interface Authorizer {
  authorize(input: AuthorizationRequest): Promise<AuthorizationResult>;
}

/** What every template `AWS::ApiGateway::Authorizer` becomes; each type adds its own fields. */
export interface AuthorizerModel {
  logicalId: string;
  id: string;
  name: string;
  /** The resource's `Type` (`COGNITO_USER_POOLS`, later `TOKEN` / `REQUEST`). */
  type: string;
}

/** What an authorizer may use of the local cloud. */
export interface AuthorizerServices {
  stack: LocalStack;
  api: ApiModel;
  provider: IdentityProvider;
  invoker: FunctionInvoker;
  /** Service log lines (an authorizer's failure, a malformed answer). */
  log?: (line: string) => void;
}

/**
 * One entry of the list in index.ts: a method's `AuthorizationType` (and, for
 * types that need an `AWS::ApiGateway::Authorizer`, that resource's `Type`s),
 * how to read that resource from the template, and how to run it.
 */
export interface AuthorizerKind {
  /** The method's `AuthorizationType` this entry serves: `NONE`, `AWS_IAM`, `COGNITO_USER_POOLS`, later `CUSTOM`. */
  authorizationType: string;
  /** The `AWS::ApiGateway::Authorizer` `Type`s it serves; empty when the method names no authorizer resource. */
  authorizerTypes: readonly string[];
  /**
   * Reads one `AWS::ApiGateway::Authorizer` of those types; throws a
   * TemplateError, naming the resource, for anything it cannot serve faithfully.
   */
  readAuthorizer?(stack: LocalStack, base: AuthorizerModel, props: Record<string, unknown>): AuthorizerModel;
  /** The authorizer for one method, built once and reused for every request to it. */
  create(method: MethodModel, services: AuthorizerServices): Authorizer;
}
