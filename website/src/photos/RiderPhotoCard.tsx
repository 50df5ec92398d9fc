import { fetchAuthSession } from 'aws-amplify/auth';
import { useEffect, useState } from 'react';
import { Link } from '../router/router';
import { RiderPhoto } from './RiderPhoto';

/** The signed-in rider's photo with a link to change it: the ride page's header card. */
export function RiderPhotoCard() {
  const [identityId, setIdentityId] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void fetchAuthSession().then((s) => live && setIdentityId(s.identityId), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="rider-card">
      <RiderPhoto identityId={identityId} alt="Your photo" size={48} />
      <Link to="/profile">Your profile</Link>
    </div>
  );
}
