/**
 * Why the local API Gateway answered a request as it did: each check that ran,
 * passed or refused, in plain words. Real API Gateway answers a refusal with a
 * bare 401/403; these words are a local-only teaching aid (the access log, the
 * request inspector's "Why?" panel, `GET /_local/requests`) and never reach the
 * client's response. They hold no secret: no token, key or signature.
 */

export type CheckOutcome = 'passed' | 'refused';

export interface TraceCheck {
  /** The pipeline step (pipeline/index.ts) that ran the check. */
  step: string;
  outcome: CheckOutcome;
  reason: string;
}

/** The method's authorization, as the auth modes name it; `-` before a method was found. */
export type TraceAuthMode = 'none' | 'cognito' | 'iam' | 'lambda' | '-';

export interface DecisionTrace {
  requestId: string;
  /** When the request arrived (ISO 8601). */
  time: string;
  method: string;
  /** The raw path as it arrived, without the query. */
  path: string;
  status: number;
  latencyMs: number;
  authMode: TraceAuthMode;
  /** The caller the authorizer vouched for: a username, an identity id and role, a principal; `anonymous` otherwise. */
  who: string;
  checks: TraceCheck[];
  /** For a refusal: the gateway response type and why, in plain words. */
  refusal?: { step: string; responseType: string; reason: string };
}

const AUTH_MODES: Record<string, TraceAuthMode> = { NONE: 'none', COGNITO_USER_POOLS: 'cognito', AWS_IAM: 'iam', CUSTOM: 'lambda' };

export function authModeOf(authorizationType: string): TraceAuthMode {
  return AUTH_MODES[authorizationType] ?? '-';
}

/** One request's trace while it is on its way through the steps. */
export class TraceRecorder {
  readonly checks: TraceCheck[] = [];
  authMode: TraceAuthMode = '-';
  who = 'anonymous';
  refusal: DecisionTrace['refusal'];

  pass(step: string, reason: string): void {
    this.checks.push({ step, outcome: 'passed', reason });
  }

  refuse(step: string, responseType: string, reason: string): void {
    this.checks.push({ step, outcome: 'refused', reason });
    this.refusal = { step, responseType, reason };
  }

  finish(fields: Pick<DecisionTrace, 'requestId' | 'time' | 'method' | 'path' | 'status' | 'latencyMs'>): DecisionTrace {
    return { ...fields, authMode: this.authMode, who: this.who, checks: [...this.checks], ...(this.refusal ? { refusal: this.refusal } : {}) };
  }
}
