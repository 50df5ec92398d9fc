/**
 * The ride in progress, kept in the browser's storage so a reload or a second tab
 * finds it (with its arrival time) instead of "No pickup set yet". Until the API can
 * list a rider's rides (GET /ride does not exist yet), this is the only copy the page
 * has after a reload; once it exists, the page should ask the API and use this only
 * while the answer is on its way.
 *
 * One entry per rider (keyed by their email), so another rider signing in on the same
 * browser never sees it; removed when the rider starts over or signs out. What comes
 * back from storage is checked field by field: it is input like any other.
 */
import type { RideState } from './ride-machine';
import type { LatLng, Ride } from './types';

const PREFIX = 'wildrydes.ride.v1:';

export const rideStorageKey = (rider: string) => `${PREFIX}${rider.toLowerCase()}`;

/** True for a storage key this module writes (any rider's), for the cross-tab storage event. */
export const isRideStorageKey = (key: string | null) => key !== null && key.startsWith(PREFIX);

interface StoredRide {
  pin: LatLng;
  ride: Ride;
  startedAt: number;
  travelMs: number;
}

type Restorable = Extract<RideState, { phase: 'enRoute' } | { phase: 'arrived' }>;

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Storage can be switched off (privacy settings): then rides simply do not survive a reload.
    return undefined;
  }
}

/** Saves an en-route or arrived ride; forgets it for any other phase. */
export function saveRide(rider: string, state: RideState, startedAt?: number, travelMs?: number): void {
  const store = storage();
  if (!store) return;
  const key = rideStorageKey(rider);
  try {
    if (state.phase === 'enRoute') {
      const stored: StoredRide = { pin: state.pin, ride: state.ride, startedAt: state.startedAt, travelMs: state.travelMs };
      store.setItem(key, JSON.stringify(stored));
    } else if (state.phase === 'arrived') {
      // Keep the times it was saved with while en route, so every tab agrees when it arrived.
      const previous = readStored(store.getItem(key));
      const stored: StoredRide = {
        pin: state.pin,
        ride: state.ride,
        startedAt: previous?.ride.rideId === state.ride.rideId ? previous.startedAt : (startedAt ?? 0),
        travelMs: previous?.ride.rideId === state.ride.rideId ? previous.travelMs : (travelMs ?? 0),
      };
      store.setItem(key, JSON.stringify(stored));
    } else if (state.phase === 'choosing') {
      store.removeItem(key);
    }
    // requesting / failed: leave whatever is stored (a request in flight is not a ride yet).
  } catch {
    // Quota or privacy mode: not worth failing a ride over.
  }
}

export function forgetRide(rider: string): void {
  try {
    storage()?.removeItem(rideStorageKey(rider));
  } catch {
    // As above.
  }
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readStored(text: string | null): StoredRide | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !isRecord(value.pin) || !isRecord(value.ride) || !isRecord(value.ride.unicorn)) return undefined;
  const { pin, ride, startedAt, travelMs } = value;
  const unicorn = ride.unicorn as Record<string, unknown>;
  if (!isFiniteNumber(pin.lat) || !isFiniteNumber(pin.lng) || Math.abs(pin.lat) > 90 || Math.abs(pin.lng) > 180) return undefined;
  if (typeof ride.rideId !== 'string' || typeof unicorn.name !== 'string' || typeof unicorn.color !== 'string') return undefined;
  if (!isFiniteNumber(ride.etaSeconds) || typeof ride.etaText !== 'string') return undefined;
  if (!isFiniteNumber(startedAt) || !isFiniteNumber(travelMs) || travelMs < 0) return undefined;
  return {
    pin: { lat: pin.lat, lng: pin.lng },
    ride: {
      rideId: ride.rideId,
      unicorn: { name: unicorn.name, color: unicorn.color, ...(typeof unicorn.gender === 'string' ? { gender: unicorn.gender } : {}) },
      etaSeconds: ride.etaSeconds,
      etaText: ride.etaText,
      ...(typeof ride.rider === 'string' ? { rider: ride.rider } : {}),
    },
    startedAt,
    travelMs,
  };
}

/** The rider's stored ride as it stands at `now`: still on its way, or arrived if its time is up. */
export function loadRide(rider: string, now: number): Restorable | null {
  const store = storage();
  if (!store) return null;
  let text: string | null;
  try {
    text = store.getItem(rideStorageKey(rider));
  } catch {
    return null;
  }
  const stored = readStored(text);
  if (!stored) return null;
  if (now >= stored.startedAt + stored.travelMs) return { phase: 'arrived', pin: stored.pin, ride: stored.ride };
  return { phase: 'enRoute', pin: stored.pin, ride: stored.ride, startedAt: stored.startedAt, travelMs: stored.travelMs };
}
