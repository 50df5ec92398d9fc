import { describe, expect, it } from 'vitest';
import { errorMessageFromBody, MalformedRideError, parseEtaText, parseRideResponse } from './ride-response';

const answer = {
  RideId: 'abc123',
  Unicorn: { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
  UnicornName: 'Shadowfax',
  Eta: '30 seconds',
  EtaSeconds: 30,
  Rider: 'rider@example.com',
};

describe('parseRideResponse', () => {
  it('reads the 201 answer', () => {
    expect(parseRideResponse(answer)).toEqual({
      rideId: 'abc123',
      unicorn: { name: 'Shadowfax', color: 'White', gender: 'Male' },
      etaSeconds: 30,
      etaText: '30 seconds',
      rider: 'rider@example.com',
    });
  });

  it('reads the ETA from the text when EtaSeconds is absent (the original function)', () => {
    const { EtaSeconds: _, ...original } = answer;
    expect(parseRideResponse(original).etaSeconds).toBe(30);
  });

  it('rejects an answer without a unicorn, ETA or ride id', () => {
    expect(() => parseRideResponse({ ...answer, Unicorn: undefined, UnicornName: undefined })).toThrow(MalformedRideError);
    expect(() => parseRideResponse({ ...answer, Eta: 'soon', EtaSeconds: undefined })).toThrow(/arrival time/);
    expect(() => parseRideResponse({ ...answer, RideId: '' })).toThrow(/ride id/);
    expect(() => parseRideResponse('hello')).toThrow(/not a JSON object/);
  });
});

describe('parseEtaText', () => {
  it.each([
    ['30 seconds', 30],
    ['1 second', 1],
    ['2 minutes', 120],
    ['soon', undefined],
  ])('%s → %s', (text, seconds) => expect(parseEtaText(text)).toBe(seconds));
});

describe('errorMessageFromBody', () => {
  it('reads API Gateway`s {"message"} and IAM`s {"Message"}', () => {
    expect(errorMessageFromBody('{"message":"Unauthorized"}', 401)).toBe('Unauthorized');
    expect(errorMessageFromBody('{"Message":"User: arn:aws:sts::1:assumed-role/R/C is not authorized"}', 403)).toMatch(/is not authorized/);
  });
  it('shows a non-JSON body as text, and says when there is none', () => {
    expect(errorMessageFromBody('Bad Gateway', 502)).toBe('Bad Gateway');
    expect(errorMessageFromBody('', 500)).toBe('The ride API answered 500 without an explanation.');
    expect(errorMessageFromBody(undefined, undefined)).toBe('No answer from the ride API.');
  });
});
