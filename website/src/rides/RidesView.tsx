/**
 * A list of rides, newest first, one page at a time ("Show older rides" asks for the
 * next page with the API's NextToken), with the request inspector under it showing
 * the last call as it went over the wire. "My rides" and "All rides" are this view
 * on two API paths.
 */
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../auth/session';
import { Status } from '../components/Status';
import { useConfig } from '../config/config-context';
import { RiderPhotoCard } from '../photos/RiderPhotoCard';
import { RequestInspector } from '../ride/RequestInspector';
import type { CapturedExchange } from '../ride/wire-tap';
import { Link } from '../router/router';
import { fetchRidePage, type ListedRide, type RideList } from './rides-api';

interface RidesViewProps {
  list: RideList;
  heading: string;
  intro: string;
  /** What an empty list says. */
  empty: string;
}

type Load = { phase: 'loading' } | { phase: 'loaded'; nextToken: string | undefined } | { phase: 'failed'; message: string };

export function RidesView({ list, heading, intro, empty }: RidesViewProps) {
  const config = useConfig();
  const session = useSession();
  const [rides, setRides] = useState<ListedRide[]>([]);
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [exchange, setExchange] = useState<CapturedExchange | null>(null);

  const loadPage = useCallback(
    async (nextToken?: string) => {
      setLoad({ phase: 'loading' });
      const tokens = await session.auth.currentSession();
      if (!tokens) {
        setLoad({ phase: 'failed', message: 'Your session has ended. Please sign in again.' });
        session.markExpired();
        return;
      }
      const result = await fetchRidePage(config.apiUrl, config.authMode, list, tokens, nextToken, config.apiKey, config.requireScopes === true);
      setExchange(result.exchange ?? null);
      if (!result.ok) {
        setLoad({ phase: 'failed', message: result.error.message });
        return;
      }
      setRides((before) => (nextToken ? [...before, ...result.page.rides] : result.page.rides));
      setLoad({ phase: 'loaded', nextToken: result.page.nextToken });
    },
    [config.apiUrl, config.authMode, config.apiKey, list, session],
  );

  useEffect(() => {
    void loadPage();
    // Once per page visit; "Show older rides" asks for the rest.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list]);

  const loadClaims = useCallback(async () => (await session.auth.currentSession())?.claims ?? null, [session.auth]);

  return (
    <>
      <h1 tabIndex={-1}>{heading}</h1>
      {list === 'mine' && <RiderPhotoCard />}
      <p>{intro}</p>
      <p>
        <Link to="/ride">Back to requesting a unicorn</Link>
      </p>
      <Status tone={load.phase === 'failed' ? 'error' : 'info'} role="status" data-testid="rides-status">
        {load.phase === 'loading' ? 'Loading rides…' : load.phase === 'failed' ? load.message : rides.length === 0 ? empty : `${rides.length} ride${rides.length === 1 ? '' : 's'} shown.`}
      </Status>
      {rides.length > 0 && (
        <ol className="ride-list" data-testid="ride-list">
          {rides.map((ride) => (
            <li key={ride.rideId} className="ride-list__item card" data-ride-id={ride.rideId}>
              <div className="ride-list__text">
                <p className="ride-list__when">
                  <time dateTime={ride.requestTime}>{new Date(ride.requestTime).toLocaleString()}</time>
                </p>
                <p>
                  <strong>{ride.unicornName}</strong>
                  {ride.unicornColor && <span className="ride-list__muted"> ({ride.unicornColor.toLowerCase()})</span>} {list === 'all' ? 'picked up the rider' : 'picked you up'} at{' '}
                  <span className="ride-list__coords">
                    {ride.latitude.toFixed(4)}, {ride.longitude.toFixed(4)}
                  </span>
                </p>
                {list === 'all' && (
                  <p className="ride-list__muted">
                    Rider <code className="wrap">{ride.rider}</code>
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {load.phase === 'loaded' && load.nextToken && (
        <button type="button" className="button button--secondary" onClick={() => void loadPage(load.nextToken)}>
          Show older rides
        </button>
      )}
      <RequestInspector authMode={config.authMode} exchange={exchange} loadClaims={loadClaims} local={config.userPoolEndpoint !== undefined} emptyHint="The list's request appears here once it is sent." />
    </>
  );
}
