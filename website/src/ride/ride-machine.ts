/**
 * The ride page's states, as a pure reducer. The page renders from the state and
 * sends events; the rules ("you can only request with a pin", "a new pin while the
 * unicorn is on its way is ignored") live here where a test can pin them down.
 *
 *   choosing ──request──▶ requesting ──succeeded──▶ enRoute ──arrived──▶ arrived
 *      ▲  (pin)                │                                            │
 *      │                       └──failed──▶ failed ──request (retry)──▶ requesting
 *      └──────────── pin set (from failed / arrived: start over) ◀──────────┘
 */
import type { LatLng, Ride, RideError } from './types';

export type RideState =
  | { phase: 'choosing'; pin: LatLng | null }
  | { phase: 'requesting'; pin: LatLng }
  | { phase: 'enRoute'; pin: LatLng; ride: Ride; startedAt: number; travelMs: number }
  | { phase: 'arrived'; pin: LatLng; ride: Ride }
  | { phase: 'failed'; pin: LatLng; error: RideError };

export type RideEvent =
  | { type: 'pinSet'; pin: LatLng }
  | { type: 'requestStarted' }
  | { type: 'requestSucceeded'; ride: Ride; now: number; demoSpeed: number }
  | { type: 'requestFailed'; error: RideError }
  | { type: 'arrived' }
  | { type: 'reset' }
  /** A ride found in storage (after a reload, or booked in another tab), or null when the other tab started over. */
  | { type: 'restored'; ride: Extract<RideState, { phase: 'enRoute' } | { phase: 'arrived' }> | null };

export const initialRideState: RideState = { phase: 'choosing', pin: null };

/** Travel time on screen: the ETA divided by the demo speed, never less than a second so the trip is visible. */
export function travelTimeMs(etaSeconds: number, demoSpeed: number): number {
  const speed = demoSpeed > 0 ? demoSpeed : 1;
  return Math.max(1000, Math.round((etaSeconds * 1000) / speed));
}

export function rideReducer(state: RideState, event: RideEvent): RideState {
  switch (event.type) {
    case 'pinSet':
      // Moving the pin is allowed until a unicorn has been dispatched to it.
      if (state.phase === 'requesting' || state.phase === 'enRoute') return state;
      return { phase: 'choosing', pin: event.pin };
    case 'requestStarted':
      if ((state.phase === 'choosing' && state.pin) || state.phase === 'failed') {
        return { phase: 'requesting', pin: state.pin! };
      }
      return state;
    case 'requestSucceeded':
      if (state.phase !== 'requesting') return state;
      return {
        phase: 'enRoute',
        pin: state.pin,
        ride: event.ride,
        startedAt: event.now,
        travelMs: travelTimeMs(event.ride.etaSeconds, event.demoSpeed),
      };
    case 'requestFailed':
      if (state.phase !== 'requesting') return state;
      return { phase: 'failed', pin: state.pin, error: event.error };
    case 'arrived':
      if (state.phase !== 'enRoute') return state;
      return { phase: 'arrived', pin: state.pin, ride: state.ride };
    case 'reset':
      return initialRideState;
    case 'restored':
      // A request in flight here wins: its answer is newer than anything stored.
      if (state.phase === 'requesting') return state;
      if (event.ride === null) return state.phase === 'enRoute' || state.phase === 'arrived' ? initialRideState : state;
      // The same ride already shown: keep this tab's state (and its timers) as it is.
      if ((state.phase === 'enRoute' || state.phase === 'arrived') && state.ride.rideId === event.ride.ride.rideId) {
        return state.phase === 'enRoute' && event.ride.phase === 'arrived' ? event.ride : state;
      }
      return event.ride;
  }
}

export function canRequest(state: RideState): boolean {
  return (state.phase === 'choosing' && state.pin !== null) || state.phase === 'failed';
}
