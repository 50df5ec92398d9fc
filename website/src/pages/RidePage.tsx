/**
 * The ride page: map, controls, request inspector. Loaded lazily (it brings Leaflet
 * and the REST client), so the landing and sign-in pages stay light.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import { useConfig } from '../config/config-context';
import { MapView, type MapHandle } from '../map/MapView';
import { startPointFor, type Trip } from '../map/travel';
import { RequestInspector } from '../ride/RequestInspector';
import { RideLinks } from '../rides/RideLinks';
import { RidePanel } from '../ride/RidePanel';
import { requestRide } from '../ride/ride-api';
import { initialRideState, rideReducer } from '../ride/ride-machine';
import { loadRide, rideStorageKey, saveRide } from '../ride/ride-store';
import type { LatLng } from '../ride/types';
import type { CapturedExchange } from '../ride/wire-tap';
import { RiderPhotoCard } from '../photos/RiderPhotoCard';
import { S3CallList } from '../photos/S3CallList';

/** The workshop's home: Seattle. */
const START: LatLng = { lat: 47.6062, lng: -122.3321 };

export default function RidePage() {
  const config = useConfig();
  const session = useSession();
  // The rider's ride in progress survives a reload: start from what storage holds.
  const rider = session.email ?? '';
  const [state, dispatch] = useReducer(rideReducer, rider, (who) => (who ? loadRide(who, Date.now()) : null) ?? initialRideState);
  const [exchange, setExchange] = useState<CapturedExchange | null>(null);
  const [identityId, setIdentityId] = useState<string | undefined>(undefined);
  // Which sign-in produced the session, and the access token's scopes, for the inspector.
  const [signedInWith, setSignedInWith] = useState<{ flow: 'hostedUi' | 'srp'; scopes: string[] } | undefined>(undefined);
  useEffect(() => {
    void session.auth.currentSession().then((t) => t && setSignedInWith({ flow: t.flow, scopes: t.accessScopes }));
  }, [session.auth]);
  const mapRef = useRef<MapHandle>(null);

  const pick = useCallback((pin: LatLng) => dispatch({ type: 'pinSet', pin }), []);

  async function request() {
    if (state.phase !== 'choosing' && state.phase !== 'failed') return;
    const pin = state.pin;
    if (!pin) return;
    dispatch({ type: 'requestStarted' });
    // Fresh tokens first: Amplify refreshes expired ones silently; null means the
    // session is gone (revoked or expired refresh token), so back to sign-in.
    const tokens = await session.auth.currentSession();
    if (!tokens) {
      dispatch({ type: 'requestFailed', error: { message: 'Your session has ended. Please sign in again.', signInAgain: true } });
      session.markExpired();
      return;
    }
    if (config.authMode === 'iam') {
      setIdentityId(tokens.identityId);
      if (!tokens.hasAwsCredentials) {
        dispatch({
          type: 'requestFailed',
          error: { message: 'The identity pool gave no AWS credentials to sign the request with. Try signing in again.', signInAgain: true },
        });
        return;
      }
    }
    const result = await requestRide(config.apiUrl, config.authMode, pin, tokens, config.apiKey, config.requireScopes === true);
    setExchange(result.exchange ?? null);
    if (result.ok) dispatch({ type: 'requestSucceeded', ride: result.ride, now: Date.now(), demoSpeed: config.demoSpeed });
    else dispatch({ type: 'requestFailed', error: result.error });
  }

  // Kept in storage as it changes, for a reload or another tab.
  useEffect(() => {
    if (rider) saveRide(rider, state);
  }, [rider, state]);

  // Another tab booked a ride or started over: the storage event says so (it fires in
  // every other tab of this origin, never in the one that wrote).
  useEffect(() => {
    if (!rider) return;
    const key = rideStorageKey(rider);
    const onStorage = (e: StorageEvent) => {
      if (e.key === key || e.key === null) dispatch({ type: 'restored', ride: loadRide(rider, Date.now()) });
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [rider]);

  // Arrival: when the trip's time is up.
  useEffect(() => {
    if (state.phase !== 'enRoute') return;
    const timer = setTimeout(() => dispatch({ type: 'arrived' }), Math.max(0, state.startedAt + state.travelMs - Date.now()));
    return () => clearTimeout(timer);
  }, [state]);

  // One trip object per ride, so the map animates once and then parks the unicorn at the pin.
  const trip = useMemo<Trip | null>(() => {
    if (state.phase === 'enRoute') {
      return { from: startPointFor(state.pin, state.ride.rideId), to: state.pin, startedAt: state.startedAt, durationMs: state.travelMs };
    }
    if (state.phase === 'arrived') return { from: state.pin, to: state.pin, startedAt: 0, durationMs: 0 };
    return null;
    // Recompute only when the ride or phase changes, not on every state object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.phase, state.phase === 'enRoute' || state.phase === 'arrived' ? state.ride.rideId : null]);

  const unicornName = state.phase === 'enRoute' || state.phase === 'arrived' ? state.ride.unicorn.name : undefined;

  const loadClaims = useCallback(async () => (await session.auth.currentSession())?.claims ?? null, [session.auth]);

  return (
    <div className="ride-layout">
      <div className="ride-layout__map">
        <MapView ref={mapRef} tileUrl={config.tileUrl} initialCenter={START} pin={state.pin} trip={trip} unicornName={unicornName} onPick={pick} />
      </div>
      <div className="ride-layout__side">
        <RidePanel
          state={state}
          onRequest={() => void request()}
          onSetPinAtCenter={() => pick(mapRef.current?.getCenter() ?? START)}
          onNewRide={() => dispatch({ type: 'reset' })}
        />
        <RiderPhotoCard />
        <RideLinks />
        <RequestInspector
          authMode={config.authMode}
          exchange={exchange}
          loadClaims={loadClaims}
          identityId={identityId}
          local={config.userPoolEndpoint !== undefined}
          signedInWith={signedInWith?.flow}
          {...(config.requireScopes ? { accessScopes: signedInWith?.scopes } : {})}
        />
        <S3CallList />
      </div>
    </div>
  );
}
