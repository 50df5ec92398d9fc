/**
 * The errors of the attendee tools (rider CLI, postman, checkpoint): something the
 * person fixes (no cloud running, not signed in, a missing flag). Each CLI prints
 * a ToolError as its message alone, with the exit code it names; anything else
 * is a bug and is printed with its stack.
 */
export class ToolError extends Error {
  override name = 'ToolError';
  /** 1: the command could not do its job; 2: it was called wrongly (usage). */
  readonly exitCode: number = 1;
}

/** A flag or argument the command cannot take; the CLI prints the command's help after it. */
export class UsageError extends ToolError {
  override name = 'UsageError';
  override readonly exitCode = 2;
}

/** No outputs file where one was expected: no local cloud running, or a wrong --outputs path. */
export class OutputsNotFoundError extends ToolError {
  override name = 'OutputsNotFoundError';
}

/** The outputs file is there but is not what `cdk deploy --outputs-file` or `npm start` writes. */
export class BadOutputsError extends ToolError {
  override name = 'BadOutputsError';
}

/** A command that needs a signed-in rider found no session (or one that cannot be refreshed). */
export class NotSignedInError extends ToolError {
  override name = 'NotSignedInError';
}

/** AWS (or the local cloud) refused a call; the message names the service's error and what to do. */
export class ServiceError extends ToolError {
  override name = 'ServiceError';
}

/** The error text a CLI prints: the message of a ToolError, the stack of anything else. */
export function describeFailure(err: unknown): string {
  if (err instanceof ToolError) return err.message;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
