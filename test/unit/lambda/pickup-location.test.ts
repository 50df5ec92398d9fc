import { describe, expect, it } from 'vitest';
import { InvalidRideRequestError, MAX_BODY_BYTES, parseRideRequest } from '../../../lambda/ride/pickup-location.js';

const body = (value: unknown) => JSON.stringify(value);
const reason = (raw: string | null | undefined) => {
  try {
    parseRideRequest(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRideRequestError);
    return (error as Error).message;
  }
  throw new Error('expected the request to be refused');
};

describe('parseRideRequest', () => {
  it('reads a pickup location', () => {
    expect(parseRideRequest(body({ PickupLocation: { Latitude: 47.6, Longitude: -122.3 } }))).toEqual({ Latitude: 47.6, Longitude: -122.3 });
  });

  it('accepts the edges of the globe', () => {
    expect(parseRideRequest(body({ PickupLocation: { Latitude: -90, Longitude: 180 } }))).toEqual({ Latitude: -90, Longitude: 180 });
  });

  it('keeps only the coordinates, dropping anything else the client sent', () => {
    const parsed = parseRideRequest(body({ PickupLocation: { Latitude: 1, Longitude: 2, Rider: 'mallory' }, User: 'mallory' }));
    expect(parsed).toEqual({ Latitude: 1, Longitude: 2 });
  });

  it.each([
    [null, /no body/],
    [undefined, /no body/],
    ['', /no body/],
    ['   ', /no body/],
    ['{"PickupLocation":', /not valid JSON/],
    ['[1,2]', /must be a JSON object/],
    ['"text"', /must be a JSON object/],
    ['null', /must be a JSON object/],
    [body({}), /PickupLocation is missing/],
    [body({ PickupLocation: 'Seattle' }), /PickupLocation must be an object/],
    [body({ PickupLocation: [47, -122] }), /PickupLocation must be an object/],
    [body({ PickupLocation: { Longitude: 1 } }), /Latitude is missing/],
    [body({ PickupLocation: { Latitude: 1 } }), /Longitude is missing/],
    [body({ PickupLocation: { Latitude: null, Longitude: 1 } }), /Latitude is missing/],
    [body({ PickupLocation: { Latitude: '47.6', Longitude: 1 } }), /Latitude must be a finite number/],
    [body({ PickupLocation: { Latitude: 1, Longitude: true } }), /Longitude must be a finite number/],
    ['{"PickupLocation":{"Latitude":1e999,"Longitude":1}}', /Latitude must be a finite number/],
    [body({ PickupLocation: { Latitude: 90.0001, Longitude: 1 } }), /Latitude must be between -90 and 90/],
    [body({ PickupLocation: { Latitude: 1, Longitude: -180.5 } }), /Longitude must be between -180 and 180/],
  ])('refuses %j with a message that says what is wrong', (raw, message) => {
    expect(reason(raw)).toMatch(message);
  });

  it('refuses a body larger than any ride request, before parsing it', () => {
    const huge = body({ PickupLocation: { Latitude: 1, Longitude: 2 }, padding: 'x'.repeat(MAX_BODY_BYTES) });
    expect(reason(huge)).toMatch(/too large \(\d+ bytes; at most 4096/);
  });

  it('counts bytes, not characters, against the size limit', () => {
    const unicorns = '🦄'.repeat(1100); // 4400 bytes in UTF-8, 2200 UTF-16 units
    expect(reason(body({ PickupLocation: { Latitude: 1, Longitude: 2 }, note: unicorns }))).toMatch(/too large/);
  });
});
