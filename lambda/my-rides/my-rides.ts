import { riderOf } from '../ride/rider.js';
import { createListHandler, type ListHandlerOptions, type ProxyHandler } from '../rides-read/list-handler.js';
import { riderList } from '../rides-read/rides-index.js';

/**
 * GET /rides: the caller's own rides, newest first, from the `ByRider` index.
 * The rider is whoever API Gateway vouched for (lambda/ride/rider.ts): in none
 * mode that is `anonymous`, so the list is every ride booked without sign-in.
 */
export function createMyRidesHandler(options: ListHandlerOptions): ProxyHandler {
  return createListHandler('my rides', (event) => ({ list: riderList(riderOf(event.requestContext).id) }), options);
}
