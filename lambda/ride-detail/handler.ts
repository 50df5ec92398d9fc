import { parseAllowedOrigins } from '../ride/cors.js';
import type { ProxyHandler } from '../rides-read/list-handler.js';
import { requiredEnv } from '../rides-read/respond.js';
import { dynamoRideGetter } from '../rides-read/rides-index.js';
import { createRideDetailHandler } from './ride-detail.js';

/** The deployed GET /rides/{rideId}: the table from the environment the stack gives it. */
export const handler: ProxyHandler = createRideDetailHandler({
  getter: dynamoRideGetter(requiredEnv('TABLE_NAME')),
  allowedOrigins: parseAllowedOrigins(process.env.ALLOWED_ORIGINS),
});
