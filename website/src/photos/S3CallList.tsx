import { useEffect, useState } from 'react';
import { onS3Call, type S3Call } from './s3-tap';

/**
 * The request inspector's S3 part: each call Amplify Storage made to the bucket, with the key it
 * named and the headers SigV4 signed, so the identity id in every key (the policy variable
 * `${cognito-identity.amazonaws.com:sub}` at work) is visible.
 */
export function S3CallList() {
  const [calls, setCalls] = useState<S3Call[]>([]);
  useEffect(() => onS3Call((call) => setCalls((list) => [call, ...list].slice(0, 5))), []);
  return (
    <section className="s3-calls" aria-label="S3 requests">
      <h3>S3 requests</h3>
      {calls.length === 0 ? (
        <p className="muted">None yet. Upload a photo to see the signed request.</p>
      ) : (
        <ol>
          {calls.map((c, i) => (
            <li key={i} data-testid="s3-call">
              <code>
                {c.method} {c.key}
              </code>{' '}
              → {c.status ?? 'no answer'}
              <div className="muted">signed headers: {c.signedHeaders.join(', ') || '(none)'}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
