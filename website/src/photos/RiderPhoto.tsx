import { useEffect, useState } from 'react';
import { useConfig } from '../config/config-context';
import unicornUrl from '../map/unicorn.svg';
import { photoUrl } from './photo-api';

/**
 * A rider's profile photo (`protected/<identityId>/profile-photo`), shown through a presigned URL
 * from Amplify's getUrl; a unicorn placeholder when there is none. Drop it into any page that
 * knows a rider's identity id (the ride page, "My rides"). `version` forces a fresh URL after an upload.
 */
export function RiderPhoto({ identityId, alt, size = 96, version = 0 }: { identityId: string | undefined; alt: string; size?: number; version?: number }) {
  const config = useConfig();
  const [url, setUrl] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    setUrl(undefined);
    if (!identityId || !config.riderFilesBucket) return;
    photoUrl(identityId, config.s3Endpoint).then(
      (u) => live && setUrl(u),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [identityId, config.riderFilesBucket, config.s3Endpoint, version]);
  const style = { width: size, height: size };
  if (!url || failed) {
    return (
      <span className="rider-photo rider-photo--empty" style={style} role="img" aria-label={`${alt}: no photo yet`}>
        <img src={unicornUrl} alt="" width={Math.round(size * 0.6)} height={Math.round(size * 0.6)} />
      </span>
    );
  }
  return <img className="rider-photo" style={style} src={url} alt={alt} onError={() => setFailed(true)} />;
}
