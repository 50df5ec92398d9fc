import { describe, expect, it } from 'vitest';
import { buildProxyEvent } from '../../../local/apigateway/event.js';
import type { RouteMatch } from '../../../local/apigateway/router.js';
import { formatSrpTimestamp, parseSrpTimestamp } from '../../../local/cognito/srp-timestamp.js';

/** 3 February 2026, 08:05:09 UTC: a one-digit day, a one-digit hour, a Tuesday. */
const WHEN = new Date(Date.UTC(2026, 1, 3, 8, 5, 9));

describe('the dates AWS writes, from the one table of day and month names', () => {
  it("API Gateway's requestContext.requestTime is the CLF date, day padded to two digits", () => {
    const match = { stage: { name: 'prod', variables: {} }, resource: { id: 'abc123', path: '/ride' }, method: {}, path: '/ride', pathParameters: {} } as unknown as RouteMatch;
    const request = { method: 'POST', rawPath: '/prod/ride', rawQuery: '', rawHeaders: [], body: Buffer.alloc(0), sourceIp: '127.0.0.1', protocol: 'HTTP/1.1' };
    const event = buildProxyEvent(request, match, { apiId: 'api', accountId: '123456789012', requestId: 'r', now: WHEN });
    expect(event.requestContext.requestTime).toBe('03/Feb/2026:08:05:09 +0000');
  });

  it("Cognito's SRP TIMESTAMP is Java's EEE MMM d HH:mm:ss z yyyy, the day not padded, and reads back", () => {
    expect(formatSrpTimestamp(WHEN)).toBe('Tue Feb 3 08:05:09 UTC 2026');
    expect(parseSrpTimestamp('Tue Feb 3 08:05:09 UTC 2026')?.getTime()).toBe(WHEN.getTime());
    expect(parseSrpTimestamp('Wed Feb 3 08:05:09 UTC 2026')).toBeUndefined();
    expect(parseSrpTimestamp('Tue Fev 3 08:05:09 UTC 2026')).toBeUndefined();
  });
});
