import { afterEach, describe, expect, it } from 'vitest';
import type { RideState } from './ride-machine';
import { forgetRide, isRideStorageKey, loadRide, rideStorageKey, saveRide } from './ride-store';
import type { Ride } from './types';

const pin = { lat: 47.6, lng: -122.3 };
const ride: Ride = { rideId: 'r1', unicorn: { name: 'Shadowfax', color: 'White' }, etaSeconds: 30, etaText: '30 seconds' };
const enRoute: RideState = { phase: 'enRoute', pin, ride, startedAt: 1_000, travelMs: 3_000 };

afterEach(() => localStorage.clear());

describe('the stored ride', () => {
  it('comes back en route, with its arrival time, before that time', () => {
    saveRide('Rider@example.com', enRoute);
    expect(loadRide('rider@example.com', 2_000)).toEqual(enRoute);
  });

  it('comes back arrived once its time is up', () => {
    saveRide('rider@example.com', enRoute);
    expect(loadRide('rider@example.com', 4_000)).toEqual({ phase: 'arrived', pin, ride });
  });

  it('keeps the en-route times when it arrives, so other tabs agree', () => {
    saveRide('rider@example.com', enRoute);
    saveRide('rider@example.com', { phase: 'arrived', pin, ride });
    expect(loadRide('rider@example.com', 2_000)).toEqual(enRoute);
  });

  it('belongs to one rider, and is forgotten on a new pin or sign-out', () => {
    saveRide('rider@example.com', enRoute);
    expect(loadRide('other@example.com', 2_000)).toBeNull();
    saveRide('rider@example.com', { phase: 'choosing', pin });
    expect(loadRide('rider@example.com', 2_000)).toBeNull();
    saveRide('rider@example.com', enRoute);
    forgetRide('rider@example.com');
    expect(loadRide('rider@example.com', 2_000)).toBeNull();
  });

  it('ignores what it did not write: bad JSON, missing or wrong-typed fields', () => {
    const key = rideStorageKey('rider@example.com');
    expect(isRideStorageKey(key)).toBe(true);
    expect(isRideStorageKey('CognitoIdentityServiceProvider.x')).toBe(false);
    for (const bad of ['{', '[]', '{"pin":{"lat":1,"lng":2}}', JSON.stringify({ pin: { lat: 'x', lng: 2 }, ride, startedAt: 1, travelMs: 1 }),
      JSON.stringify({ pin: { lat: 95, lng: 2 }, ride, startedAt: 1, travelMs: 1 }), JSON.stringify({ pin, ride: { ...ride, unicorn: null }, startedAt: 1, travelMs: 1 })]) {
      localStorage.setItem(key, bad);
      expect(loadRide('rider@example.com', 2_000)).toBeNull();
    }
  });
});
