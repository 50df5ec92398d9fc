import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { corsHeaders, parseAllowedOrigins } from './cors.js';
import { consoleLogger, describeError, type Logger } from './log.js';
import { InvalidRideRequestError, parseRideRequest } from './pickup-location.js';
import { bookRide, type RideDeps } from './ride.js';
import { riderOf } from './rider.js';
import { dynamoRideStore, type RideStore } from './rides-table.js';

export interface RideHandlerOptions extends RideDeps {
  store: RideStore;
  allowedOrigins?: readonly string[];
  logger?: Logger;
}

export type RideHandler = (event: APIGatewayProxyEvent, context?: { awsRequestId?: string }) => Promise<APIGatewayProxyResult>;

/**
 * The API Gateway adapter of `POST /ride`: proxy event in, proxy result out.
 * Everything it decides is in the pure modules it calls.
 */
export function createRideHandler(options: RideHandlerOptions): RideHandler {
  const allowed = options.allowedOrigins ?? ['*'];
  const logger = options.logger ?? consoleLogger;

  return async (event, context) => {
    const requestId = event.requestContext?.requestId ?? context?.awsRequestId ?? 'unknown';
    const respond = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
      statusCode,
      headers: { 'Content-Type': 'application/json', ...corsHeaders(allowed, headerOf(event, 'origin')) },
      body: JSON.stringify(body),
    });

    let pickup;
    try {
      pickup = parseRideRequest(bodyOf(event));
    } catch (error) {
      if (error instanceof InvalidRideRequestError) {
        logger.log('WARN', 'Rejected ride request', { requestId, reason: error.message });
        return respond(400, { message: error.message });
      }
      logger.log('ERROR', 'Could not read the ride request', { requestId, ...describeError(error) });
      return respond(500, { message: 'The ride could not be booked. Please try again.', Reference: requestId });
    }

    const rider = riderOf(event.requestContext);
    const { record, response } = bookRide(pickup, rider, options);
    try {
      await options.store.put(record);
    } catch (error) {
      // The rider sees a reference to quote; the detail stays in the log.
      logger.log('ERROR', 'Could not store the ride', { requestId, rideId: record.RideId, ...describeError(error) });
      return respond(500, { message: 'The ride could not be booked. Please try again.', Reference: requestId });
    }
    logger.log('INFO', 'Ride booked', { requestId, rideId: record.RideId, unicorn: record.UnicornName, rider: rider.id, riderSource: rider.source });
    return respond(201, response);
  };
}

function bodyOf(event: APIGatewayProxyEvent): string | null {
  if (event.body === null || event.body === undefined) return null;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function headerOf(event: APIGatewayProxyEvent, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

/** The deployed function: its settings come from the environment the stack gives it. */
export const handler: RideHandler = createRideHandler({
  store: dynamoRideStore(requiredEnv('TABLE_NAME')),
  allowedOrigins: parseAllowedOrigins(process.env.ALLOWED_ORIGINS),
});

function requiredEnv(name: string): string {
  const value = process.env[name];
  // Fail at cold start with a clear log, rather than on every request with a vague one.
  if (!value) throw new Error(`Environment variable ${name} is not set; the stack sets it on the function`);
  return value;
}
