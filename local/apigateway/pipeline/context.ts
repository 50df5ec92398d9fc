import type { IncomingMessage } from 'node:http';
import type { FunctionInvoker } from '../../lambda/invoke.js';
import type { LocalStack } from '../../template/index.js';
import type { AuthorizationContext } from '../authorizers/authorizer.js';
import { TraceRecorder } from '../trace/decision-trace.js';
import type { IncomingRequest } from '../event.js';
import type { IdentityProvider } from '../identity-provider.js';
import type { MappingSource } from '../mapping.js';
import type { GatewayAnswer } from '../mock-integration.js';
import type { ApiModel } from '../model.js';
import type { RouteMatch } from '../router.js';
import type { UsagePlans } from '../usage-plans/index.js';

/** What the steps of the gateway may use, fixed for the life of the gateway. */
export interface GatewayServices {
  stack: LocalStack;
  api: ApiModel;
  provider: IdentityProvider;
  invoker: FunctionInvoker;
  log: (line: string) => void;
  /** The gateway's clock (ms): the SigV4 window, the event's request time, the throttling buckets. */
  now: () => number;
  /** The API's usage plans and keys (usage-plans/): shared with the cloud, which publishes the key values. */
  usagePlans: UsagePlans;
}

/** One step of the request path; it refuses a request by throwing a GatewayResponseError. */
export interface GatewayStep {
  readonly name: string;
  handle(ctx: InvocationContext): Promise<void> | void;
}

export type StepFactory = (services: GatewayServices) => GatewayStep;

function missing(what: string): never {
  throw new Error(`gateway pipeline: ${what} is read before the step that sets it`);
}

/**
 * One request on its way through the steps: each step reads what earlier
 * ones found and adds its own part. Reading a part before its step has run
 * is a bug of the step list, reported as such (a 500 for that request).
 */
export class InvocationContext {
  /**
   * What mapping expressions and gateway responses read of the request.
   * Every map has no prototype: its keys come from the request.
   */
  readonly source: MappingSource = { headers: Object.create(null), query: Object.create(null), pathParameters: Object.create(null) };
  /** What each step checked, in plain words (trace/): the local decision trace. */
  readonly trace = new TraceRecorder();
  /** Set by `authorize`; NONE leaves it empty. */
  authorization: AuthorizationContext = {};
  /** Set by the step that answers (the integration); the steps after it do not run. */
  answer: GatewayAnswer | undefined;
  private parsed: { request: IncomingRequest; at: Date } | undefined;
  private routed: RouteMatch | undefined;

  constructor(
    readonly raw: IncomingMessage,
    readonly requestId: string,
  ) {}

  get request(): IncomingRequest {
    return this.parsed?.request ?? missing('the request');
  }
  /** When the request arrived (once its body was read), by the gateway's clock. */
  get at(): Date {
    return this.parsed?.at ?? missing('the arrival time');
  }
  setRequest(request: IncomingRequest, at: Date): void {
    this.parsed = { request, at };
  }

  get match(): RouteMatch {
    return this.routed ?? missing('the route');
  }
  setMatch(match: RouteMatch): void {
    this.routed = match;
  }
}
