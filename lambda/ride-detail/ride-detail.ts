import type { APIGatewayProxyEvent } from 'aws-lambda';
import { consoleLogger, type Logger } from '../ride/log.js';
import { riderOf } from '../ride/rider.js';
import type { ProxyHandler } from '../rides-read/list-handler.js';
import { internalError, jsonResponder, requestIdOf } from '../rides-read/respond.js';
import type { RideGetter } from '../rides-read/rides-index.js';
import { toRideView } from '../rides-read/ride-view.js';

/** One answer for "no such ride" and "someone else's ride": the caller learns nothing about rides that are not theirs. */
export const RIDE_NOT_FOUND = 'No ride of yours has this id';

/** A ride id as POST /ride makes them (16 random bytes, base64url); anything else cannot be a ride. */
const RIDE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface RideDetailOptions {
  getter: RideGetter;
  allowedOrigins?: readonly string[];
  logger?: Logger;
}

/** The ride id from the path, as API Gateway decoded it into `pathParameters`. */
function rideIdOf(event: APIGatewayProxyEvent): string | undefined {
  const id = event.pathParameters?.rideId;
  return typeof id === 'string' && RIDE_ID.test(id) ? id : undefined;
}

/** GET /rides/{rideId}: one of the caller's rides, 404 for any other. */
export function createRideDetailHandler(options: RideDetailOptions): ProxyHandler {
  const allowed = options.allowedOrigins ?? ['*'];
  const logger = options.logger ?? consoleLogger;
  return async (event, context) => {
    const requestId = requestIdOf(event, context);
    const respond = jsonResponder(event, allowed);
    const rider = riderOf(event.requestContext);
    const rideId = rideIdOf(event);
    let item;
    try {
      item = rideId === undefined ? undefined : await options.getter.get(rideId);
    } catch (error) {
      return internalError(respond, logger, requestId, 'read the ride', error);
    }
    if (!item || item.User !== rider.id) {
      // The log tells an operator which it was; the caller gets the same 404 either way.
      logger.log('WARN', 'Ride not shown', { requestId, reason: item ? 'another rider' : 'no such ride' });
      return respond(404, { message: RIDE_NOT_FOUND });
    }
    return respond(200, toRideView(item));
  };
}
