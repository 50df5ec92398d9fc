import type { Command } from '../../shared/command.js';
import { callApi } from '../../shared/api-call.js';
import { UsageError } from '../../shared/errors.js';
import { apiAuth } from '../auth.js';
import { explainRefusal } from './describe-answer.js';

interface RidesPage {
  Rides: { RideId: string; UnicornName?: string; Unicorn?: { Name: string; Color: string }; RequestTime?: string; PickupLocation?: { Latitude: number; Longitude: number }; Rider?: string }[];
  NextToken?: string;
}

/** GET /rides?limit=&nextToken=: the signed-in rider's rides, a page at a time. */
export const rides: Command = {
  name: 'rides',
  summary: 'List the rider\'s rides (GET /rides), a page at a time',
  details: 'Example: npm run rider -- rides --limit 5, then --next-token <token> for the next page',
  options: {
    limit: { type: 'string', placeholder: '<n>', description: 'rides per page' },
    'next-token': { type: 'string', placeholder: '<token>', description: 'the NextToken of the previous page' },
    'api-key': { type: 'string', placeholder: '<key>', description: 'the usage plan\'s key (x-api-key); local: read from the outputs', env: 'WILD_RYDES_API_KEY' },
    json: { type: 'boolean', description: 'print the API\'s JSON answer only' },
  },
  async run(ctx) {
    const query: Record<string, string> = {};
    if (ctx.values.limit !== undefined) {
      const n = Number(ctx.values.limit);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a whole number of 1 or more (got '${String(ctx.values.limit)}').`);
      query.limit = String(n);
    }
    if (typeof ctx.values['next-token'] === 'string') query.nextToken = ctx.values['next-token'];
    const target = ctx.target();
    const auth = await apiAuth(target, typeof ctx.values['api-key'] === 'string' ? { apiKey: ctx.values['api-key'] } : {});
    const answer = await callApi(target.apiUrl, target.region, target.authMode, auth, { method: 'GET', path: 'rides', query });
    if (answer.status !== 200) {
      ctx.note(explainRefusal(target.authMode, answer, target.tokenUse));
      return 1;
    }
    if (ctx.values.json) {
      ctx.print(answer.text);
      return 0;
    }
    const page = answer.json as RidesPage;
    if (page.Rides.length === 0) ctx.print('No rides yet.');
    for (const r of page.Rides) {
      const where = r.PickupLocation ? `${r.PickupLocation.Latitude}, ${r.PickupLocation.Longitude}` : '?';
      ctx.print(`${r.RequestTime ?? '?'}  ${(r.Unicorn?.Name ?? r.UnicornName ?? '?').padEnd(10)} at ${where}  (${r.RideId})`);
    }
    if (page.NextToken) ctx.print(`More: npm run rider -- rides --next-token '${page.NextToken}'${query.limit ? ` --limit ${query.limit}` : ''}`);
    return 0;
  },
};
