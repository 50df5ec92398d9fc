import { describe, expect, it } from 'vitest';
import { positionAt, progressAt, startPointFor, type Trip } from './travel';

const trip: Trip = { from: { lat: 0, lng: 0 }, to: { lat: 10, lng: 20 }, startedAt: 1000, durationMs: 2000 };

describe('unicorn travel', () => {
  it('starts at the start, is half way at half time, ends at the pin and stays there', () => {
    expect(positionAt(trip, 0)).toEqual(trip.from);
    expect(positionAt(trip, 1000)).toEqual(trip.from);
    expect(positionAt(trip, 2000)).toEqual({ lat: 5, lng: 10 });
    expect(positionAt(trip, 3000)).toEqual(trip.to);
    expect(positionAt(trip, 99_000)).toEqual(trip.to);
  });

  it('moves forward all the time', () => {
    let last = -1;
    for (let t = 1000; t <= 3000; t += 100) {
      const p = progressAt(trip, t);
      expect(p).toBeGreaterThanOrEqual(last);
      last = p;
    }
  });

  it('a zero-length trip is already over', () => {
    expect(positionAt({ ...trip, durationMs: 0 }, 0)).toEqual(trip.to);
  });

  it('starts about a kilometre from the pin, the same way for the same ride', () => {
    const pin = { lat: 47.6, lng: -122.3 };
    const a = startPointFor(pin, 'ride-1');
    expect(Math.hypot(a.lat - pin.lat, a.lng - pin.lng)).toBeCloseTo(0.012, 6);
    expect(startPointFor(pin, 'ride-1')).toEqual(a);
    expect(startPointFor(pin, 'ride-2')).not.toEqual(a);
  });
});
