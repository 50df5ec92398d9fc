/**
 * The local cloud's errors for the person who starts it: something they fix
 * (a port taken, a data folder in use or damaged, a template this cloud cannot
 * run, a wrong flag). Each kind is a named subclass declared next to the code
 * that throws it; `local/cli.ts` prints any LocalCloudError as its message
 * alone, and any other error (a bug) with its stack.
 *
 * Not here, on purpose: the wire errors (CognitoError, SigV4Error,
 * GatewayResponseError, DynamoAuthError). They are protocol answers a client
 * receives as an HTTP status and body, never something printed at start, so
 * they keep their own bases, each shaped by the service it stands in for.
 */
export class LocalCloudError extends Error {
  override name = 'LocalCloudError';
}

/**
 * A command-line flag `npm start` cannot take. Declared here rather than in
 * `local/cli.ts`, which starts the cloud when imported.
 */
export class UsageError extends LocalCloudError {
  override name = 'UsageError';
}

/** What the CLI prints for a start that failed: the message for a LocalCloudError, the stack for anything else. */
export function describeStartFailure(err: unknown): string {
  if (err instanceof LocalCloudError) return err.message;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
