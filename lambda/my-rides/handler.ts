import { parseAllowedOrigins } from '../ride/cors.js';
import type { ProxyHandler } from '../rides-read/list-handler.js';
import { requiredEnv } from '../rides-read/respond.js';
import { dynamoRideIndex } from '../rides-read/rides-index.js';
import { createMyRidesHandler } from './my-rides.js';

/** The deployed GET /rides: the table and its `ByRider` index from the environment the stack gives it. */
export const handler: ProxyHandler = createMyRidesHandler({
  reader: dynamoRideIndex(requiredEnv('TABLE_NAME'), requiredEnv('INDEX_NAME')),
  allowedOrigins: parseAllowedOrigins(process.env.ALLOWED_ORIGINS),
});
