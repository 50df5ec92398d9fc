/**
 * Where the unicorn is drawn while it travels to the pickup pin. Pure, so the map
 * component only has to ask "where at time t?" on each animation frame.
 */
import type { LatLng } from '../ride/types';

export interface Trip {
  from: LatLng;
  to: LatLng;
  startedAt: number;
  durationMs: number;
}

/** A start point a short ride away from the pin, varied by the ride id so rides differ. */
export function startPointFor(pin: LatLng, rideId: string): LatLng {
  let hash = 0;
  for (const ch of rideId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const angle = ((hash % 360) * Math.PI) / 180;
  const distance = 0.012; // degrees: roughly a kilometre, visible at the default zoom
  return { lat: pin.lat + distance * Math.sin(angle), lng: pin.lng + distance * Math.cos(angle) };
}

/** Fraction of the trip done at `now`, 0..1, eased so the unicorn sets off and arrives gently. */
export function progressAt(trip: Trip, now: number): number {
  if (trip.durationMs <= 0) return 1;
  const t = Math.min(1, Math.max(0, (now - trip.startedAt) / trip.durationMs));
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

export function positionAt(trip: Trip, now: number): LatLng {
  const p = progressAt(trip, now);
  return { lat: trip.from.lat + (trip.to.lat - trip.from.lat) * p, lng: trip.from.lng + (trip.to.lng - trip.from.lng) * p };
}
