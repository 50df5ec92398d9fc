import type { Command } from '../../shared/command.js';
import { callApi } from '../../shared/api-call.js';
import { UsageError } from '../../shared/errors.js';
import { describeTarget } from '../../shared/target.js';
import { apiAuth } from '../auth.js';
import { explainRefusal } from './describe-answer.js';

function coordinate(value: unknown, flag: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a number, e.g. --lat 47.6062 --lng -122.3321${value === undefined ? '' : ` (got '${String(value)}')`}.`);
  return n;
}

interface RideAnswer {
  RideId: string;
  UnicornName?: string;
  Unicorn?: { Name: string; Color: string };
  Eta?: string;
  Rider?: string;
}

/** POST /ride with the auth of the stack's mode: the ID token, a SigV4 signature, or nothing. */
export const ride: Command = {
  name: 'ride',
  summary: 'Book a unicorn at a pickup point (POST /ride), with the auth the stack\'s mode wants',
  details: 'Example: npm run rider -- ride --lat 47.6062 --lng -122.3321',
  options: {
    lat: { type: 'string', placeholder: '<latitude>', description: 'pickup latitude, -90 to 90' },
    lng: { type: 'string', placeholder: '<longitude>', description: 'pickup longitude, -180 to 180' },
    anonymous: { type: 'boolean', description: 'send no token or signature (to see the API refuse it)' },
    'api-key': { type: 'string', placeholder: '<key>', description: 'the usage plan\'s key (x-api-key); local: read from the outputs', env: 'WILD_RYDES_API_KEY' },
    json: { type: 'boolean', description: 'print the API\'s JSON answer only' },
  },
  async run(ctx) {
    const Latitude = coordinate(ctx.values.lat, 'lat');
    const Longitude = coordinate(ctx.values.lng, 'lng');
    const target = ctx.target();
    const auth = await apiAuth(target, {
      anonymous: ctx.values.anonymous === true,
      ...(typeof ctx.values['api-key'] === 'string' ? { apiKey: ctx.values['api-key'] } : {}),
    });
    const answer = await callApi(target.apiUrl, target.region, target.authMode, auth, { method: 'POST', path: 'ride', body: { PickupLocation: { Latitude, Longitude } } });
    if (answer.status !== 201) {
      ctx.note(explainRefusal(target.authMode, answer, target.tokenUse));
      return 1;
    }
    if (ctx.values.json) {
      ctx.print(answer.text);
      return 0;
    }
    const r = answer.json as RideAnswer;
    ctx.note(`POST ${target.apiUrl}ride on the ${describeTarget(target)}`);
    ctx.print(`201: ${r.Unicorn?.Name ?? r.UnicornName} (${r.Unicorn?.Color ?? '?'}) is on the way, ETA ${r.Eta ?? '?'}.`);
    ctx.print(`Ride ${r.RideId} for rider ${r.Rider}.`);
    return 0;
  },
};
