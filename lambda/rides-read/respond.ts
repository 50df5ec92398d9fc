import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { corsHeaders } from '../ride/cors.js';
import { describeError, type Logger } from '../ride/log.js';

/** A JSON answer with the stack's CORS headers for the caller's origin. */
export function jsonResponder(event: APIGatewayProxyEvent, allowedOrigins: readonly string[]) {
  const origin = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === 'origin')?.[1];
  return (statusCode: number, body: unknown): APIGatewayProxyResult => ({
    statusCode,
    headers: { 'Content-Type': 'application/json', ...corsHeaders(allowedOrigins, typeof origin === 'string' ? origin : undefined) },
    body: JSON.stringify(body),
  });
}

/** An unexpected failure: a reference for the caller, the detail in the log only. */
export function internalError(respond: ReturnType<typeof jsonResponder>, logger: Logger, requestId: string, what: string, error: unknown): APIGatewayProxyResult {
  logger.log('ERROR', `Could not ${what}`, { requestId, ...describeError(error) });
  return respond(500, { message: `The rides could not be read. Please try again.`, Reference: requestId });
}

export function requestIdOf(event: APIGatewayProxyEvent, context?: { awsRequestId?: string }): string {
  return event.requestContext?.requestId ?? context?.awsRequestId ?? 'unknown';
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  // Fail at cold start with a clear log, rather than on every request with a vague one.
  if (!value) throw new Error(`Environment variable ${name} is not set; the stack sets it on the function`);
  return value;
}
