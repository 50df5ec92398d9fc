import { randomBytes } from 'node:crypto';
import { findUnicorn, type Unicorn } from './fleet.js';
import type { PickupLocation } from './pickup-location.js';
import type { Rider } from './rider.js';

/** How long a unicorn takes to arrive. Sent both as words (the original contract) and as seconds (what a client can compute with). */
export const ETA_SECONDS = 30;

/**
 * The partition key value every ride carries in `Feed`: the rides table's `ByTime` index
 * (lib/ride-indexes.ts) keys on it, so the dispatcher's list of every ride, newest first,
 * is a Query of one partition, never a Scan.
 */
export const ALL_RIDES_FEED = 'rides';

/** The item stored in the rides table. */
export interface RideRecord {
  RideId: string;
  /** The rider's user-pool sub (`anonymous` in none mode): the `ByRider` index's partition key. */
  User: string;
  /** Always ALL_RIDES_FEED: the `ByTime` index's partition key. */
  Feed: string;
  Unicorn: Unicorn;
  UnicornName: string;
  RequestTime: string;
  PickupLocation: PickupLocation;
}

/** The 201 answer to the rider. */
export interface RideResponse {
  RideId: string;
  Unicorn: Unicorn;
  UnicornName: string;
  Eta: string;
  EtaSeconds: number;
  Rider: string;
  /** lambda mode only: the principal and context the Lambda authorizer gave the function, so the website can show them. */
  Authorizer?: { principalId: string; context: Readonly<Record<string, string>> };
}

export interface RideDeps {
  now?: () => Date;
  random?: () => number;
  newRideId?: () => string;
}

/** 16 random bytes, base64url: unguessable and URL-safe, as the original workshop did. */
export function newRideId(): string {
  return randomBytes(16).toString('base64url');
}

/** Books a ride: pure apart from the clock and randomness it is handed. */
export function bookRide(pickup: PickupLocation, rider: Rider, deps: RideDeps = {}): { record: RideRecord; response: RideResponse } {
  const unicorn = findUnicorn(deps.random);
  const rideId = (deps.newRideId ?? newRideId)();
  const record: RideRecord = {
    RideId: rideId,
    User: rider.id,
    Feed: ALL_RIDES_FEED,
    Unicorn: unicorn,
    UnicornName: unicorn.Name,
    RequestTime: (deps.now?.() ?? new Date()).toISOString(),
    PickupLocation: pickup,
  };
  const response: RideResponse = {
    RideId: rideId,
    Unicorn: unicorn,
    UnicornName: unicorn.Name,
    Eta: `${ETA_SECONDS} seconds`,
    EtaSeconds: ETA_SECONDS,
    Rider: rider.id,
    ...(rider.authorizer ? { Authorizer: { principalId: rider.authorizer.principalId, context: rider.authorizer.context } } : {}),
  };
  return { record, response };
}
