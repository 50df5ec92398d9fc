import { parseAllowedOrigins } from '../ride/cors.js';
import type { ProxyHandler } from '../rides-read/list-handler.js';
import { requiredEnv } from '../rides-read/respond.js';
import { dynamoRideIndex } from '../rides-read/rides-index.js';
import { createDispatchRidesHandler } from './dispatch-rides.js';

/** The deployed GET /dispatch/rides: the table, its `ByTime` index and the auth mode from the environment. */
export const handler: ProxyHandler = createDispatchRidesHandler({
  reader: dynamoRideIndex(requiredEnv('TABLE_NAME'), requiredEnv('INDEX_NAME')),
  allowedOrigins: parseAllowedOrigins(process.env.ALLOWED_ORIGINS),
  authMode: requiredEnv('AUTH_MODE'),
});
