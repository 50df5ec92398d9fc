/**
 * Reading rides: GET /rides (the rider's own) and GET /dispatch/rides (every rider's,
 * dispatchers only), sent the way each auth mode needs (the same rules as POST /ride:
 * the ID token in cognito and lambda mode, Amplify's SigV4 signature in iam mode,
 * nothing in none mode), and wire-tapped for the request inspector.
 */
import { get } from 'aws-amplify/api';
import { API_NAME } from '../auth/amplify-setup';
import type { SessionTokens } from '../auth/auth-service';
import type { AuthMode } from '../config/config';
import { errorMessageFromBody } from '../ride/ride-response';
import { withWireTap, type CapturedExchange } from '../ride/wire-tap';

/** Which list: the API path of each. */
export const RIDE_LISTS = { mine: 'rides', all: 'dispatch/rides' } as const;
export type RideList = keyof typeof RIDE_LISTS;

/** One ride as the API lists it. */
export interface ListedRide {
  rideId: string;
  unicornName: string;
  unicornColor: string;
  requestTime: string;
  latitude: number;
  longitude: number;
  rider: string;
}

export interface RidePage {
  rides: ListedRide[];
  nextToken: string | undefined;
}

export type RidePageResult =
  | { ok: true; page: RidePage; exchange: CapturedExchange | undefined }
  | { ok: false; error: { status: number | undefined; message: string }; exchange: CapturedExchange | undefined };

/** How many rides a page asks for. */
export const PAGE_SIZE = 10;

export function buildRidesRequest(authMode: AuthMode, list: RideList, session: SessionTokens, nextToken?: string, apiKey?: string, requireScopes = false) {
  const headers: Record<string, string> = {};
  // With `-c requireScopes=true` (cognito mode) the method wants the access token and its wildrydes/rides.read scope.
  if (authMode === 'cognito' || authMode === 'lambda') headers.Authorization = requireScopes && authMode === 'cognito' ? session.accessToken : session.idToken;
  if (apiKey) headers['x-api-key'] = apiKey;
  return {
    apiName: API_NAME,
    path: RIDE_LISTS[list],
    options: {
      headers,
      queryParams: { limit: String(PAGE_SIZE), ...(nextToken ? { nextToken } : {}) },
      ...(authMode === 'iam' ? {} : { defaultAuthMode: 'none' as const }),
      retryStrategy: { strategy: 'no-retry' as const },
    },
  };
}

/** Reads `{"Rides":[…],"NextToken":"…"}`; anything else is refused rather than half-shown. */
export function parseRidePage(body: unknown): RidePage {
  const page = body as { Rides?: unknown; NextToken?: unknown };
  if (!page || !Array.isArray(page.Rides)) throw new Error('The API answered without a list of rides.');
  const rides = page.Rides.map((item): ListedRide => {
    const r = item as Record<string, any>;
    if (typeof r?.RideId !== 'string' || typeof r.RequestTime !== 'string') throw new Error('The API answered with a ride the page cannot read.');
    return {
      rideId: r.RideId,
      unicornName: String(r.UnicornName ?? r.Unicorn?.Name ?? 'a unicorn'),
      unicornColor: String(r.Unicorn?.Color ?? ''),
      requestTime: r.RequestTime,
      latitude: Number(r.PickupLocation?.Latitude),
      longitude: Number(r.PickupLocation?.Longitude),
      rider: String(r.Rider ?? ''),
    };
  });
  return { rides, nextToken: typeof page.NextToken === 'string' ? page.NextToken : undefined };
}

function statusOf(error: unknown): { statusCode?: number; body?: string } | undefined {
  if (error && typeof error === 'object' && 'response' in error) return (error as { response?: { statusCode?: number; body?: string } }).response;
  return undefined;
}

/** Words for a refusal; a 403 on the dispatch list says who may see it, with the API's own message kept. */
export function describeListFailure(list: RideList, status: number | undefined, apiMessage: string): string {
  if (status === 403 && list === 'all') return `Only dispatchers may see every rider's rides. The API refused this request with 403: "${apiMessage}"`;
  if (status === 401) return `Your sign-in was not accepted (401: "${apiMessage}"). Please sign in again.`;
  if (status === undefined) return 'Could not reach the stables. Check your connection and try again.';
  return `The rides could not be loaded (${status}: "${apiMessage}").`;
}

export async function fetchRidePage(apiUrl: string, authMode: AuthMode, list: RideList, session: SessionTokens, nextToken?: string, apiKey?: string, requireScopes = false): Promise<RidePageResult> {
  const request = buildRidesRequest(authMode, list, session, nextToken, apiKey, requireScopes);
  const { outcome, exchanges } = await withWireTap(apiUrl, async () => parseRidePage(await (await get(request).response).body.json()));
  const exchange = exchanges.at(-1);
  if (outcome.ok) return { ok: true, page: outcome.value, exchange };
  const status = exchange?.status ?? statusOf(outcome.error)?.statusCode;
  // A 200 whose body is not a page: parseRidePage's own words.
  if (status !== undefined && status < 300) return { ok: false, error: { status, message: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) }, exchange };
  const apiMessage = status === undefined ? '' : errorMessageFromBody(exchange?.responseBody ?? statusOf(outcome.error)?.body, status);
  return { ok: false, error: { status, message: describeListFailure(list, status, apiMessage) }, exchange };
}

/** Whether the ID token says the rider is a dispatcher (`cognito:groups`): only decides whether to show the link; the API decides the rest. */
export function isDispatcher(claims: Record<string, unknown> | undefined): boolean {
  const groups = claims?.['cognito:groups'];
  return Array.isArray(groups) && groups.includes('dispatchers');
}
