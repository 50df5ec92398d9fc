/**
 * Structured JSON logs, one object a line, so CloudWatch Logs Insights (and a
 * local terminal) can filter on fields instead of parsing prose.
 */
export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  log(level, message, fields = {}) {
    const line = JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...fields });
    if (level === 'ERROR') console.error(line);
    else console.log(line);
  },
};

/** The parts of an error worth logging; never sent to the client. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { errorMessage: String(error) };
}
