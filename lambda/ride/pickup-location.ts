/** Where the rider wants to be picked up, in WGS84 degrees. */
export interface PickupLocation {
  readonly Latitude: number;
  readonly Longitude: number;
}

/** The request body is larger than a ride request can ever be. */
export const MAX_BODY_BYTES = 4096;

/** Why a request body is not a ride request. The message is shown to the client as is. */
export class InvalidRideRequestError extends Error {
  override name = 'InvalidRideRequestError';
}

/**
 * Reads `{"PickupLocation":{"Latitude":n,"Longitude":n}}` from a raw body.
 * Every failure says what was wrong, so the rider (or the workshop attendee
 * with curl) can fix the request.
 */
export function parseRideRequest(body: string | null | undefined): PickupLocation {
  if (body === null || body === undefined || body.trim() === '') {
    throw new InvalidRideRequestError('The request has no body: send {"PickupLocation":{"Latitude":47.6,"Longitude":-122.3}}');
  }
  const size = Buffer.byteLength(body, 'utf8');
  if (size > MAX_BODY_BYTES) {
    throw new InvalidRideRequestError(`The request body is too large (${size} bytes; at most ${MAX_BODY_BYTES} are accepted)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new InvalidRideRequestError('The request body is not valid JSON');
  }
  if (!isObject(parsed)) throw new InvalidRideRequestError('The request body must be a JSON object');
  const location = parsed.PickupLocation;
  if (location === undefined) throw new InvalidRideRequestError('PickupLocation is missing');
  if (!isObject(location)) throw new InvalidRideRequestError('PickupLocation must be an object with Latitude and Longitude');
  return {
    Latitude: coordinate(location, 'Latitude', 90),
    Longitude: coordinate(location, 'Longitude', 180),
  };
}

function coordinate(location: Record<string, unknown>, name: 'Latitude' | 'Longitude', limit: number): number {
  const value = location[name];
  if (value === undefined || value === null) throw new InvalidRideRequestError(`PickupLocation.${name} is missing`);
  // Strings such as "47.6" are refused: a JSON number is the contract, and coercion hides client bugs.
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidRideRequestError(`PickupLocation.${name} must be a finite number`);
  }
  if (value < -limit || value > limit) {
    throw new InvalidRideRequestError(`PickupLocation.${name} must be between -${limit} and ${limit} (got ${value})`);
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
