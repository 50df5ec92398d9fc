import { describe, expect, it } from 'vitest';
import { FLEET, findUnicorn } from '../../../lambda/ride/fleet.js';
import { ETA_SECONDS, bookRide, newRideId } from '../../../lambda/ride/ride.js';
import { ANONYMOUS } from '../../../lambda/ride/rider.js';

describe('findUnicorn', () => {
  it('picks each unicorn of the fleet across the range of the random source', () => {
    expect(findUnicorn(() => 0)).toBe(FLEET[0]);
    expect(findUnicorn(() => 0.5)).toBe(FLEET[1]);
    expect(findUnicorn(() => 0.999999)).toBe(FLEET[2]);
  });

  it('stays inside the fleet even if the source returns 1', () => {
    expect(findUnicorn(() => 1)).toBe(FLEET[FLEET.length - 1]);
  });

  it('has the workshop fleet', () => {
    expect(FLEET.map((u) => `${u.Name}/${u.Color}/${u.Gender}`)).toEqual(['Bucephalus/Golden/Male', 'Shadowfax/White/Male', 'Rocinante/Yellow/Female']);
  });
});

describe('bookRide', () => {
  const pickup = { Latitude: 47.6, Longitude: -122.3 };
  const deps = { now: () => new Date('2026-11-21T10:00:00Z'), random: () => 0.5, newRideId: () => 'ride-1' };

  it('records the ride and answers with the unicorn and its ETA', () => {
    const { record, response } = bookRide(pickup, { id: 'rider@example.com', source: 'cognito-user-pool' }, deps);
    expect(record).toEqual({
      RideId: 'ride-1',
      User: 'rider@example.com',
      Feed: 'rides',
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      RequestTime: '2026-11-21T10:00:00.000Z',
      PickupLocation: pickup,
    });
    expect(response).toEqual({
      RideId: 'ride-1',
      Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
      UnicornName: 'Shadowfax',
      Eta: '30 seconds',
      EtaSeconds: 30,
      Rider: 'rider@example.com',
    });
    expect(ETA_SECONDS).toBe(30);
  });

  it('books anonymous rides under the anonymous rider', () => {
    expect(bookRide(pickup, ANONYMOUS, deps).record.User).toBe('anonymous');
  });
});

describe('newRideId', () => {
  it('is 16 random bytes in base64url', () => {
    const ids = new Set(Array.from({ length: 200 }, newRideId));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  });
});
