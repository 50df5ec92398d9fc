import { describe, expect, it } from 'vitest';
import { canRequest, initialRideState, rideReducer, travelTimeMs, type RideEvent, type RideState } from './ride-machine';
import type { Ride } from './types';

const pin = { lat: 47.6, lng: -122.3 };
const ride: Ride = { rideId: 'r1', unicorn: { name: 'Shadowfax', color: 'White' }, etaSeconds: 30, etaText: '30 seconds' };
const run = (...events: RideEvent[]) => events.reduce<RideState>(rideReducer, initialRideState);

describe('ride state machine', () => {
  it('cannot request before a pin is set, can after', () => {
    expect(canRequest(initialRideState)).toBe(false);
    expect(rideReducer(initialRideState, { type: 'requestStarted' })).toBe(initialRideState);
    const withPin = run({ type: 'pinSet', pin });
    expect(withPin).toEqual({ phase: 'choosing', pin });
    expect(canRequest(withPin)).toBe(true);
  });

  it('goes choosing → requesting → enRoute → arrived', () => {
    const requesting = run({ type: 'pinSet', pin }, { type: 'requestStarted' });
    expect(requesting).toEqual({ phase: 'requesting', pin });
    expect(canRequest(requesting)).toBe(false);
    const enRoute = rideReducer(requesting, { type: 'requestSucceeded', ride, now: 1000, demoSpeed: 10 });
    expect(enRoute).toEqual({ phase: 'enRoute', pin, ride, startedAt: 1000, travelMs: 3000 });
    expect(rideReducer(enRoute, { type: 'arrived' })).toEqual({ phase: 'arrived', pin, ride });
  });

  it('ignores new pins while a request runs or the unicorn travels', () => {
    const elsewhere = { lat: 1, lng: 2 };
    const requesting = run({ type: 'pinSet', pin }, { type: 'requestStarted' });
    expect(rideReducer(requesting, { type: 'pinSet', pin: elsewhere })).toBe(requesting);
    const enRoute = rideReducer(requesting, { type: 'requestSucceeded', ride, now: 0, demoSpeed: 1 });
    expect(rideReducer(enRoute, { type: 'pinSet', pin: elsewhere })).toBe(enRoute);
  });

  it('a failure keeps the pin and allows a retry', () => {
    const error = { status: 401, message: 'Unauthorized' };
    const failed = run({ type: 'pinSet', pin }, { type: 'requestStarted' }, { type: 'requestFailed', error });
    expect(failed).toEqual({ phase: 'failed', pin, error });
    expect(canRequest(failed)).toBe(true);
    expect(rideReducer(failed, { type: 'requestStarted' })).toEqual({ phase: 'requesting', pin });
  });

  it('after arrival a new pin starts over; reset clears everything', () => {
    const arrived = run({ type: 'pinSet', pin }, { type: 'requestStarted' }, { type: 'requestSucceeded', ride, now: 0, demoSpeed: 1 }, { type: 'arrived' });
    const next = { lat: 10, lng: 20 };
    expect(rideReducer(arrived, { type: 'pinSet', pin: next })).toEqual({ phase: 'choosing', pin: next });
    expect(rideReducer(arrived, { type: 'reset' })).toEqual(initialRideState);
  });

  it('ignores answers that arrive in the wrong phase (a stale response)', () => {
    const choosing = run({ type: 'pinSet', pin });
    expect(rideReducer(choosing, { type: 'requestSucceeded', ride, now: 0, demoSpeed: 1 })).toBe(choosing);
    expect(rideReducer(choosing, { type: 'requestFailed', error: { message: 'x' } })).toBe(choosing);
    expect(rideReducer(choosing, { type: 'arrived' })).toBe(choosing);
  });
});

describe('travelTimeMs', () => {
  it('divides the ETA by the demo speed', () => {
    expect(travelTimeMs(30, 1)).toBe(30_000);
    expect(travelTimeMs(30, 10)).toBe(3_000);
  });
  it('never goes below a second, so the trip is visible, and treats a bad speed as 1', () => {
    expect(travelTimeMs(0, 1)).toBe(1000);
    expect(travelTimeMs(30, 1000)).toBe(1000);
    expect(travelTimeMs(5, 0)).toBe(5000);
  });

  it('takes a stored ride unless a request is in flight, and starts over when another tab did', () => {
    const stored = { phase: 'enRoute' as const, pin, ride, startedAt: 1, travelMs: 3000 };
    expect(rideReducer(initialRideState, { type: 'restored', ride: stored })).toBe(stored);
    const requesting: RideState = { phase: 'requesting', pin };
    expect(rideReducer(requesting, { type: 'restored', ride: stored })).toBe(requesting);
    expect(rideReducer(stored, { type: 'restored', ride: null })).toEqual(initialRideState);
    const choosing: RideState = { phase: 'choosing', pin };
    expect(rideReducer(choosing, { type: 'restored', ride: null })).toBe(choosing);
    expect(rideReducer(stored, { type: 'restored', ride: { phase: 'arrived', pin, ride } })).toEqual({ phase: 'arrived', pin, ride });
  });
});
