/**
 * The rider's profile: their photo (uploaded with Amplify Storage v6 straight to S3 with their
 * identity-pool credentials, under `protected/<their identity id>/`), and their name and favourite
 * unicorn (Cognito user attributes, written with UpdateUserAttributes by their own access token).
 */
import { fetchAuthSession, fetchUserAttributes, updateUserAttributes } from 'aws-amplify/auth';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, photoPath } from '../../../lib/rider-photo-rules';
import { Field } from '../components/Field';
import { Status } from '../components/Status';
import { useConfig } from '../config/config-context';
import { photoErrorMessage, photoProblem, uploadPhoto, uploadToPath } from '../photos/photo-api';
import { RiderPhoto } from '../photos/RiderPhoto';
import { S3CallList } from '../photos/S3CallList';

const FAVOURITE = 'custom:favourite_unicorn';

export default function ProfilePage() {
  const config = useConfig();
  const [identityId, setIdentityId] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const [progress, setProgress] = useState<number | null>(null);
  const [photoStatus, setPhotoStatus] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);
  const [name, setName] = useState('');
  const [favourite, setFavourite] = useState('');
  const [profileStatus, setProfileStatus] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    void fetchAuthSession().then((s) => live && setIdentityId(s.identityId));
    void fetchUserAttributes().then(
      (a) => {
        if (!live) return;
        setName(a.name ?? '');
        setFavourite(a[FAVOURITE] ?? '');
      },
      (err: unknown) => live && setProfileStatus({ tone: 'error', text: `Your profile could not be read: ${err instanceof Error ? err.message : String(err)}` }),
    );
    return () => {
      live = false;
    };
  }, []);

  async function upload(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setPhotoStatus({ tone: 'error', text: 'Choose a photo first.' });
    // Checked here, before anything is sent: IAM cannot limit an upload's type or size (lib/rider-photo-rules.ts).
    const problem = photoProblem(file);
    if (problem) return setPhotoStatus({ tone: 'error', text: problem });
    setProgress(0);
    setPhotoStatus({ tone: 'info', text: 'Uploading…' });
    try {
      await uploadPhoto(file, config.s3Endpoint, setProgress);
      setPhotoStatus({ tone: 'success', text: 'Photo saved. Every signed-in rider can see it; only you can change it.' });
      setVersion((v) => v + 1);
    } catch (err) {
      setPhotoStatus({ tone: 'error', text: photoErrorMessage(err) });
    } finally {
      setProgress(null);
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setProfileStatus({ tone: 'info', text: 'Saving…' });
    try {
      await updateUserAttributes({ userAttributes: { name: name.trim(), [FAVOURITE]: favourite.trim() } });
      setProfileStatus({ tone: 'success', text: 'Profile saved.' });
    } catch (err) {
      setProfileStatus({ tone: 'error', text: `Not saved: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  return (
    <div className="profile">
      <h1>Your profile</h1>
      {!config.riderFilesBucket ? (
        <p>This stack has no riders' files bucket yet: deploy it again to add profile photos.</p>
      ) : (
        <form onSubmit={(e) => void upload(e)} className="profile__photo" aria-label="Profile photo">
          <RiderPhoto identityId={identityId} alt="Your profile photo" size={128} version={version} />
          <div className="field">
            <label htmlFor="photo">Photo</label>
            <input id="photo" ref={fileRef} type="file" accept={PHOTO_TYPES.join(',')} aria-describedby="photo-hint" />
            <div id="photo-hint" className="field__hint">
              JPEG, PNG, WebP or GIF, up to {MAX_PHOTO_BYTES / 1024 / 1024} MB. Stored at <code>protected/{identityId ?? '…'}/profile-photo</code>.
              Your identity id: <code data-testid="identity-id">{identityId ?? '…'}</code>
            </div>
          </div>
          {progress !== null && <progress max={1} value={progress} aria-label="Upload progress" />}
          <button type="submit" className="button" disabled={progress !== null}>
            Upload photo
          </button>
          <Status tone={photoStatus?.tone ?? 'info'} role="status" data-testid="photo-status">
            {photoStatus?.text}
          </Status>
        </form>
      )}
      <form onSubmit={(e) => void save(e)} aria-label="Profile details">
        <Field label="Name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        <Field label="Favourite unicorn" value={favourite} maxLength={32} onChange={(e) => setFavourite(e.target.value)} hint="Shadowfax, Rocinante, Bucephalus… up to 32 characters." />
        <button type="submit" className="button">
          Save profile
        </button>
        <Status tone={profileStatus?.tone ?? 'info'} role="status" data-testid="profile-status">
          {profileStatus?.text}
        </Status>
      </form>
      <PolicyCheck />
      <S3CallList />
    </div>
  );
}

/**
 * The workshop's lab: look at another rider's photo (protected/: allowed), then try to replace it
 * (refused: the policy variable only matches your own identity id). Both go to S3 for real.
 */
function PolicyCheck() {
  const config = useConfig();
  const [other, setOther] = useState('');
  const [shown, setShown] = useState<string | undefined>();
  const [result, setResult] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);
  if (!config.riderFilesBucket) return null;
  const valid = /^[\w-]+:[0-9a-f-]{36}$/.test(other.trim());

  async function tryWrite() {
    setResult({ tone: 'info', text: 'Asking S3…' });
    try {
      await uploadToPath(photoPath(other.trim()), config.s3Endpoint);
      setResult({ tone: 'error', text: 'S3 accepted the write. The policy is too broad!' });
    } catch (err) {
      const name = (err as { name?: string }).name;
      setResult(
        name === 'AccessDenied'
          ? { tone: 'success', text: `Refused by S3 (AccessDenied): your policy allows writes only under protected/<your identity id>/.` }
          : { tone: 'error', text: photoErrorMessage(err) },
      );
    }
  }

  return (
    <section className="policy-check" aria-label="Policy check">
      <h2>Another rider's folder</h2>
      <Field label="Their identity id" value={other} onChange={(e) => setOther(e.target.value)} hint="Like us-east-1:0f0e… (shown under a rider's photo)." />
      <div className="policy-check__actions">
        <button type="button" className="button button--secondary" disabled={!valid} onClick={() => setShown(other.trim())}>
          Show their photo
        </button>
        <button type="button" className="button button--secondary" disabled={!valid} onClick={() => void tryWrite()}>
          Try to replace it
        </button>
      </div>
      {shown && <RiderPhoto identityId={shown} alt="Their profile photo" size={96} />}
      <Status tone={result?.tone ?? 'info'} role="status" data-testid="policy-status">
        {result?.text}
      </Status>
    </section>
  );
}
