/**
 * The contract between a caller of functions (the gateway, later authorizers)
 * and the local Lambda service. It lives with Lambda, so the runner depends on
 * nothing of API Gateway's.
 */

/** How a Lambda invocation ended, as a caller needs to know it. */
export type InvokeOutcome =
  | { kind: 'ok'; payload: unknown }
  | { kind: 'error'; errorType: string; errorMessage: string }
  | { kind: 'timeout' };

export interface FunctionInvoker {
  invoke(functionLogicalId: string, event: unknown, options: { requestId: string; timeoutMs?: number }): Promise<InvokeOutcome>;
}
