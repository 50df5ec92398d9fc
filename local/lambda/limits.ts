/**
 * Lambda's limits as a caller meets them, and how an environment's end is
 * reported. Sources are named where the numbers are surprising.
 */

/**
 * The largest event a synchronous Invoke accepts. Lambda's quota says "6 MB";
 * its refusal names the exact figure: RequestEntityTooLargeException, HTTP
 * 413, "Request must be smaller than 6291456 bytes for the InvokeFunction
 * operation" (quoted in awslabs/aws-athena-query-federation#793).
 */
export const MAX_REQUEST_BYTES = 6_291_456;

/**
 * The largest result: 100 bytes more than the request limit, as Lambda's own
 * message says ("Response payload size exceeded maximum allowed payload size
 * (6291556 bytes)."; errorType Function.ResponseSizeTooLarge). Behind API
 * Gateway it is a failed invocation, so the client gets 502.
 */
export const MAX_RESPONSE_BYTES = 6_291_556;

export const RESPONSE_TOO_LARGE = {
  errorType: 'Function.ResponseSizeTooLarge',
  errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
} as const;

export const REQUEST_TOO_LARGE = {
  kind: 'refused',
  statusCode: 413,
  errorType: 'RequestEntityTooLargeException',
  errorMessage: `Request must be smaller than ${MAX_REQUEST_BYTES} bytes for the InvokeFunction operation`,
} as const;

/**
 * Node's heap from MemorySize, as Lambda's Node.js runtime bootstrap sizes it:
 * a tenth of the memory for the young generation (two semi-spaces), the rest
 * for the old generation. The heap limit alone does not hold a function to
 * MemorySize (buffers live outside the heap, and Node itself takes some 40 MB),
 * so the instance also watches the process's resident memory (instance.ts).
 */
export function nodeMemoryArgs(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [`--max-semi-space-size=${Math.max(1, Math.floor(newSpace / 2))}`, `--max-old-space-size=${memoryMb - newSpace}`];
}

const SIGNAL_WORDS: Record<string, string> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGTERM: 'terminated',
  SIGSEGV: 'segmentation fault',
  SIGINT: 'interrupt',
};

/** Lambda's words for an environment's end: "Runtime exited with error: signal: killed", "… exit status 3". */
export function exitErrorMessage(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `Runtime exited with error: signal: ${SIGNAL_WORDS[signal] ?? signal}`;
  if (code === 0) return 'Runtime exited without providing a reason';
  return `Runtime exited with error: exit status ${code ?? 'unknown'}`;
}
