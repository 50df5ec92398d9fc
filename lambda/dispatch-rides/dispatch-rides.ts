import { ALL_RIDES_FEED } from '../ride/ride.js';
import { createListHandler, type ListHandlerOptions, type ProxyHandler } from '../rides-read/list-handler.js';
import { feedList } from '../rides-read/rides-index.js';
import { DISPATCHERS_GROUP, mayDispatch } from './may-dispatch.js';

export const NOT_A_DISPATCHER = `Only members of the ${DISPATCHERS_GROUP} group may list every rider's rides`;

/** GET /dispatch/rides: every rider's rides, newest first, from the `ByTime` index; dispatchers only. */
export function createDispatchRidesHandler(options: ListHandlerOptions & { authMode: string }): ProxyHandler {
  return createListHandler(
    'dispatch rides',
    (event) => (mayDispatch(event.requestContext, options.authMode) ? { list: feedList(ALL_RIDES_FEED) } : { refuse: { statusCode: 403, message: NOT_A_DISPATCHER } }),
    options,
  );
}
