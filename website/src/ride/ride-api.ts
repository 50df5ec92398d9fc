/**
 * One ride request, the way each auth mode needs it sent, with a record of what went
 * on the wire for the request inspector.
 *
 *  - cognito: the ID token goes in `Authorization`; Amplify sends it as is.
 *  - iam:     no `Authorization` from us; Amplify signs with SigV4 using the identity
 *             pool's temporary credentials (it only signs when that header is absent).
 *  - none:    neither; `defaultAuthMode: 'none'` stops Amplify from signing anyway.
 *  - lambda:  the ID token in `Authorization`, as in cognito mode; a Lambda authorizer checks it.
 *  - cognito with `-c requireScopes=true`: the ACCESS token, whose `scope` API Gateway checks
 *             (only a hosted-UI sign-in's access token carries wildrydes/rides.write).
 */
import { post } from 'aws-amplify/api';
import type { AuthMode } from '../config/config';
import { API_NAME } from '../auth/amplify-setup';
import type { SessionTokens } from '../auth/auth-service';
import { errorMessageFromBody, MalformedRideError, parseRideResponse } from './ride-response';
import type { LatLng, Ride, RideError } from './types';
import { withWireTap, type CapturedExchange } from './wire-tap';

export type RideResult =
  | { ok: true; ride: Ride; exchange: CapturedExchange | undefined }
  | { ok: false; error: RideError; exchange: CapturedExchange | undefined };

/** The request as Amplify's `post` takes it; separate so the per-mode rules can be tested. */
export function buildRideRequest(authMode: AuthMode, pin: LatLng, session: SessionTokens, apiKey?: string, requireScopes = false) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (authMode === 'cognito' || authMode === 'lambda') headers.Authorization = requireScopes && authMode === 'cognito' ? session.accessToken : session.idToken;
  // -c apiKeys=true: the usage plan's key from config.json. It identifies this website to the plan; the rider is still authorized by the mode.
  if (apiKey) headers['x-api-key'] = apiKey;
  return {
    apiName: API_NAME,
    path: 'ride',
    options: {
      headers,
      body: { PickupLocation: { Latitude: pin.lat, Longitude: pin.lng } },
      // Only IAM mode wants Amplify to fetch credentials and sign.
      ...(authMode === 'iam' ? {} : { defaultAuthMode: 'none' as const }),
      // A failed request is shown to the rider with a Retry button; Amplify's silent
      // retries with back-off would only delay that answer.
      retryStrategy: { strategy: 'no-retry' as const },
    },
  };
}

/** Where the HTTP status and body of an Amplify REST error live (RestApiError.response). */
function responseOf(error: unknown): { statusCode?: number; body?: string } | undefined {
  if (error && typeof error === 'object' && 'response' in error) {
    const r = (error as { response?: unknown }).response;
    if (r && typeof r === 'object') return r as { statusCode?: number; body?: string };
  }
  return undefined;
}

/** Whether the browser believes it has a network; true where it cannot say. */
const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

export function describeRideFailure(
  error: unknown,
  exchange: CapturedExchange | undefined,
  authMode: AuthMode,
  online: boolean = browserOnline(),
): RideError {
  if (error instanceof MalformedRideError) return { status: exchange?.status, message: error.message };
  const response = responseOf(error);
  const status = exchange?.status ?? response?.statusCode;
  if (status !== undefined) {
    const message = errorMessageFromBody(exchange?.responseBody ?? response?.body, status);
    // lambda mode: a 403 is the authorizer's policy saying no; an explicit Deny is how it refuses a suspended rider.
    if (status === 403 && authMode === 'lambda') return { status, message: lambdaDenial(message) };
    // A 401 in cognito or lambda mode means the token was refused; signing in again is the fix.
    return { status, message, ...(status === 401 && (authMode === 'cognito' || authMode === 'lambda') ? { signInAgain: true } : {}) };
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'NetworkError' || exchange?.networkError) {
    // Words for a rider first; the developer's likely cause last, in brackets.
    if (!online) return { message: 'You are offline. Your pickup is kept: press Retry request once you are connected again.' };
    return {
      message:
        'Could not reach the stables. Check your connection, then press Retry request. (For developers: a network error, or the API answered without CORS headers.)',
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

export async function requestRide(apiUrl: string, authMode: AuthMode, pin: LatLng, session: SessionTokens, apiKey?: string, requireScopes = false): Promise<RideResult> {
  const request = buildRideRequest(authMode, pin, session, apiKey, requireScopes);
  const { outcome, exchanges } = await withWireTap(apiUrl, async () => {
    const { body } = await post(request).response;
    return parseRideResponse(await body.json());
  });
  const exchange = exchanges.at(-1);
  if (outcome.ok) return { ok: true, ride: outcome.value, exchange };
  return { ok: false, error: describeRideFailure(outcome.error, exchange, authMode), exchange };
}

/** The rider's words for a Lambda authorizer's 403, with API Gateway's own message kept for the curious. */
export function lambdaDenial(gatewayMessage: string): string {
  return /explicit deny/i.test(gatewayMessage)
    ? `Your account is suspended, so you cannot book rides right now: the Lambda authorizer denied this request (API Gateway said: "${gatewayMessage}").`
    : `The Lambda authorizer's policy does not allow this request (API Gateway said: "${gatewayMessage}").`;
}
