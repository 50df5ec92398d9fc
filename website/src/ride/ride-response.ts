/**
 * Reading the ride API's answers. The function's contract is in the issue; this
 * checks it instead of trusting it, so a malformed answer shows as an error rather
 * than "undefined is on its way".
 */
import type { Ride } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "30 seconds" → 30; "2 minutes" → 120; anything else → undefined. */
export function parseEtaText(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(second|sec|s|minute|min|m)s?\b/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return /^m/i.test(m[2]!) ? n * 60 : n;
}

export class MalformedRideError extends Error {
  override name = 'MalformedRideError';
}

export function parseRideResponse(body: unknown): Ride {
  if (!isRecord(body)) throw new MalformedRideError('The ride API answered with something that is not a JSON object.');
  const unicorn = body.Unicorn;
  const name = isRecord(unicorn) && typeof unicorn.Name === 'string' ? unicorn.Name : typeof body.UnicornName === 'string' ? body.UnicornName : undefined;
  if (!name) throw new MalformedRideError('The ride API did not say which unicorn is coming.');
  const color = isRecord(unicorn) && typeof unicorn.Color === 'string' ? unicorn.Color : 'mystery-coloured';
  const gender = isRecord(unicorn) && typeof unicorn.Gender === 'string' ? unicorn.Gender : undefined;
  const etaText = typeof body.Eta === 'string' ? body.Eta : '';
  const etaSeconds =
    typeof body.EtaSeconds === 'number' && Number.isFinite(body.EtaSeconds) && body.EtaSeconds >= 0
      ? body.EtaSeconds
      : parseEtaText(etaText);
  if (etaSeconds === undefined) throw new MalformedRideError('The ride API did not give an arrival time.');
  if (typeof body.RideId !== 'string' || body.RideId === '') throw new MalformedRideError('The ride API did not return a ride id.');
  return {
    rideId: body.RideId,
    unicorn: { name, color, ...(gender ? { gender } : {}) },
    etaSeconds,
    etaText: etaText || `${etaSeconds} seconds`,
    ...(typeof body.Rider === 'string' ? { rider: body.Rider } : {}),
  };
}

/**
 * The human part of an error body: API Gateway and the function say `{"message"}`,
 * IAM policy denials say `{"Message"}`; anything else is shown as text, trimmed.
 */
export function errorMessageFromBody(bodyText: string | undefined, status: number | undefined): string {
  const fallback = status ? `The ride API answered ${status} without an explanation.` : 'No answer from the ride API.';
  if (!bodyText || bodyText.trim() === '') return fallback;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (isRecord(parsed)) {
      for (const key of ['message', 'Message', 'error', 'errorMessage']) {
        const v = parsed[key];
        if (typeof v === 'string' && v.trim() !== '') return v;
      }
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  const text = bodyText.trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
