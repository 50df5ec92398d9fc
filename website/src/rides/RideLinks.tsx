/** Links from the ride page to the rider's rides, and for dispatchers (`cognito:groups`) to everyone's. */
import { useEffect, useState } from 'react';
import { useSession } from '../auth/session';
import { Link } from '../router/router';
import { isDispatcher } from './rides-api';

export function RideLinks() {
  const session = useSession();
  const [dispatcher, setDispatcher] = useState(false);
  useEffect(() => {
    let live = true;
    void session.auth.currentSession().then((tokens) => {
      if (live) setDispatcher(isDispatcher(tokens?.claims));
    });
    return () => {
      live = false;
    };
  }, [session.auth]);
  return (
    <nav className="ride-links" aria-label="Rides">
      <Link to="/rides">My rides</Link>
      {dispatcher && <Link to="/dispatch">All rides</Link>}
    </nav>
  );
}
