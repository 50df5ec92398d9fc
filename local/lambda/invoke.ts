/**
 * The contract between a caller of functions (the gateway, later authorizers)
 * and the local Lambda service. It lives with Lambda, so the runner depends on
 * nothing of API Gateway's.
 */

/** How a Lambda invocation ended, as a caller needs to know it. */
export type InvokeOutcome =
  | { kind: 'ok'; payload: unknown }
  /** The function ran and failed: it threw, timed out, crashed, ran out of memory or answered too much. */
  | { kind: 'error'; errorType: string; errorMessage: string }
  /** The caller stopped waiting (its own timeout); the function may still be running. */
  | { kind: 'timeout' }
  /**
   * Lambda refused the Invoke call itself and no function ran: the Invoke
   * API's HTTP status and error (413 RequestEntityTooLargeException for an
   * event over the synchronous payload limit).
   */
  | { kind: 'refused'; statusCode: number; errorType: string; errorMessage: string };

export interface FunctionInvoker {
  invoke(functionLogicalId: string, event: unknown, options: { requestId: string; timeoutMs?: number }): Promise<InvokeOutcome>;
}
