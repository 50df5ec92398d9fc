/**
 * The controls and messages beside the map, rendered from the ride state alone so
 * they can be tested without Leaflet.
 */
import { useEffect, useState } from 'react';
import { Status } from '../components/Status';
import { Link } from '../router/router';
import { canRequest, type RideState } from './ride-machine';

interface RidePanelProps {
  state: RideState;
  onRequest: () => void;
  onSetPinAtCenter: () => void;
  onNewRide: () => void;
}

const fmt = (n: number) => n.toFixed(5);

/** Seconds left, ticking on its own so the map is not re-rendered every second. */
function Countdown({ endsAt }: { endsAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.ceil((endsAt - now) / 1000));
  return <span aria-hidden="true"> Arriving on screen in {left} s.</span>;
}

export function RidePanel({ state, onRequest, onSetPinAtCenter, onNewRide }: RidePanelProps) {
  const requesting = state.phase === 'requesting';
  const travelling = state.phase === 'enRoute';
  return (
    <section className="ride-panel" aria-labelledby="ride-heading">
      <h1 id="ride-heading" tabIndex={-1}>
        Where should we pick you up?
      </h1>
      <p className="ride-panel__help">Click the map to drop your pickup pin, or move the map and use the button below.</p>
      <button type="button" className="button button--secondary" onClick={onSetPinAtCenter} disabled={requesting || travelling}>
        Set pickup at map centre
      </button>
      {/* A polite live region: a pin set by Enter on the map or by the button above is read out. */}
      <p className="ride-panel__pin" data-testid="pin" aria-live="polite" aria-atomic="true">
        {state.pin ? (
          <>
            Pickup: {fmt(state.pin.lat)}, {fmt(state.pin.lng)}
          </>
        ) : (
          'No pickup set yet.'
        )}
      </p>
      <button
        type="button"
        className="button button--primary button--big"
        onClick={onRequest}
        disabled={!canRequest(state)}
        aria-busy={requesting}
        data-testid="request"
      >
        {requesting ? (
          <>
            <span className="spinner" aria-hidden="true" /> Finding a unicorn…
          </>
        ) : state.phase === 'failed' ? (
          'Retry request'
        ) : (
          'Request unicorn'
        )}
      </button>

      {/* Two live regions that stay for the page's life, one polite and one assertive:
          only their text changes, so no reader misses a message because its region's
          role changed in the same render. Each takes focus when its answer arrives,
          since the request button disabled itself (focus would drop to <body>). */}
      <Status tone={state.phase === 'arrived' ? 'success' : 'info'} role="status" focusKey={state.phase === 'enRoute' ? state.ride.rideId : null}>
        {state.phase === 'requesting' && 'Asking the stables for the nearest unicorn…'}
        {state.phase === 'enRoute' && (
          <span data-testid="ride-status">
            <strong>{state.ride.unicorn.name}</strong> ({state.ride.unicorn.color}) is on the way. ETA {state.ride.etaText}.
            <Countdown endsAt={state.startedAt + state.travelMs} />
          </span>
        )}
        {state.phase === 'arrived' && (
          <span data-testid="ride-status">
            <strong>{state.ride.unicorn.name} has arrived. Giddy up!</strong>
          </span>
        )}
      </Status>
      <Status tone="error" role="alert" focusKey={state.phase === 'failed' ? state.error : null}>
        {state.phase === 'failed' && (
          <span data-testid="ride-error">
            Request failed{state.error.status !== undefined ? ` (HTTP ${state.error.status})` : ''}: {state.error.message}
            {state.error.signInAgain && (
              <>
                {' '}
                <Link to="/signin?next=/ride">Sign in again</Link>
              </>
            )}
          </span>
        )}
      </Status>
      {state.phase === 'arrived' && (
        <button type="button" className="button button--secondary" onClick={onNewRide}>
          New ride
        </button>
      )}
    </section>
  );
}
