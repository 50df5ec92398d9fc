import { useSession } from '../auth/session';
import { Link } from '../router/router';
import unicornUrl from '../map/unicorn.svg';

export default function LandingPage() {
  const { status } = useSession();
  return (
    <div className="landing">
      <section className="hero">
        <div className="hero__text">
          <p className="eyebrow">Wild Rydes</p>
          <h1 tabIndex={-1}>Unicorns on demand.</h1>
          <p className="lede">
            Tired of traffic? Drop a pin, and the nearest unicorn gallops over to pick you up. No roads, no surge pricing, only
            a little glitter.
          </p>
          <div className="hero__actions">
            {status === 'signedIn' ? (
              <Link className="button button--primary" to="/ride">
                Request a unicorn
              </Link>
            ) : (
              <>
                <Link className="button button--primary" to="/register">
                  Sign up to ride
                </Link>
                <Link className="button button--secondary" to="/signin">
                  Sign in
                </Link>
              </>
            )}
          </div>
        </div>
        <img className="hero__art" src={unicornUrl} alt="" width="220" height="220" />
      </section>
      <section aria-labelledby="how-heading" className="how">
        <h2 id="how-heading">How it works</h2>
        <ol className="steps">
          <li>
            <h3>Drop a pin</h3>
            <p>Click the map where you are waiting.</p>
          </li>
          <li>
            <h3>Meet your unicorn</h3>
            <p>We tell you who is coming, in which colour, and when.</p>
          </li>
          <li>
            <h3>Giddy up</h3>
            <p>Watch it trot over on the map until it arrives.</p>
          </li>
        </ol>
      </section>
    </div>
  );
}
