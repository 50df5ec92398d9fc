/**
 * The workshop's window onto the wire: which auth mode the API uses, the headers the
 * browser really sent (captured from fetch, see wire-tap.ts), the status and body of
 * the answer, and, on demand, the claims inside the ID token.
 */
import { useState } from 'react';
import type { AuthMode } from '../config/config';
import { authorizerEcho, describeMode, formatBody, presentHeaders } from './inspector-format';
import type { CapturedExchange } from './wire-tap';
import { WhyPanel } from './WhyPanel';

interface RequestInspectorProps {
  authMode: AuthMode;
  exchange: CapturedExchange | null;
  /** Loads the current ID token's claims; null when there is no session. */
  loadClaims: () => Promise<Record<string, unknown> | null>;
  /** IAM mode: the rider's identity id, shown because it is who the API sees. */
  identityId?: string | undefined;
  /** Which sign-in produced the session: the SRP form or the hosted UI (code grant with PKCE). */
  signedInWith?: 'hostedUi' | 'srp' | undefined;
  /** With `-c requireScopes=true`: the scopes of the access token the API checks. */
  accessScopes?: string[] | undefined;
  /** Served by the local cloud: the "Why?" panel can ask it about each request. */
  local?: boolean;
  /** What to say before the first request of the page. */
  emptyHint?: string;
}

const FLOW_NAMES = { hostedUi: 'the hosted UI (OAuth 2.0 authorization code + PKCE)', srp: 'the sign-in form (SRP, user-pool API)' } as const;

export function RequestInspector({ authMode, exchange, loadClaims, identityId, signedInWith, accessScopes, local = false, emptyHint = 'No request yet. Request a unicorn to see what goes over the wire.' }: RequestInspectorProps) {
  const [claims, setClaims] = useState<Record<string, unknown> | null | undefined>(undefined);
  const [showClaims, setShowClaims] = useState(false);

  async function toggleClaims() {
    if (showClaims) {
      setShowClaims(false);
      return;
    }
    setClaims(await loadClaims());
    setShowClaims(true);
  }

  return (
    <section className="inspector" aria-labelledby="inspector-heading" data-testid="inspector">
      <h2 id="inspector-heading">Request inspector</h2>
      <dl className="inspector__facts">
        <dt>Auth mode</dt>
        <dd>
          <code data-testid="inspector-mode">{authMode}</code> — {describeMode(authMode)}
        </dd>
        {signedInWith && (
          <>
            <dt>Signed in with</dt>
            <dd data-testid="inspector-flow">{FLOW_NAMES[signedInWith]}</dd>
          </>
        )}
        {accessScopes && (
          <>
            <dt>Access token scopes</dt>
            <dd data-testid="inspector-scopes">
              <code>{accessScopes.join(' ') || '(none)'}</code>
              {!accessScopes.includes('wildrydes/rides.write') && ' — booking needs wildrydes/rides.write: sign in with the hosted UI'}
            </dd>
          </>
        )}
        {identityId && (
          <>
            <dt>Identity id</dt>
            <dd>
              <code>{identityId}</code>
            </dd>
          </>
        )}
      </dl>

      {exchange ? (
        <>
          <h3>Request</h3>
          <p>
            <code>
              {exchange.method} {exchange.url}
            </code>
          </p>
          <table className="inspector__headers" data-testid="inspector-headers">
            <caption className="visually-hidden">Request headers actually sent</caption>
            <thead>
              <tr>
                <th scope="col">Header</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {presentHeaders(exchange.requestHeaders).map((h) => (
                <tr key={h.name} data-header={h.name}>
                  <th scope="row">{h.name}</th>
                  <td>
                    <code className="wrap">{h.value}</code>
                    {h.note && <span className="inspector__note"> ({h.note})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!('authorization' in exchange.requestHeaders) && (
            <p className="inspector__note" data-testid="inspector-no-auth">
              No Authorization header was sent.
            </p>
          )}
          <h3>Body sent</h3>
          <pre className="inspector__body" tabIndex={0} role="region" aria-label="Request body">{formatBody(exchange.requestBody)}</pre>
          <h3>
            Response:{' '}
            <span data-testid="inspector-status">
              {exchange.status !== undefined ? exchange.status : `no response (${exchange.networkError ?? 'network error'})`}
            </span>
          </h3>
          {exchange.status !== undefined && <pre className="inspector__body" tabIndex={0} role="region" aria-label="Response body" data-testid="inspector-response">{formatBody(exchange.responseBody)}</pre>}
          {authMode === 'lambda' && <AuthorizerAnswer body={exchange.responseBody} />}
          <WhyPanel requestId={exchange.requestId} local={local} />
        </>
      ) : (
        <p>{emptyHint}</p>
      )}

      <button type="button" className="button button--secondary" aria-expanded={showClaims} aria-controls="id-token-claims" onClick={() => void toggleClaims()}>
        {showClaims ? 'Hide ID-token claims' : 'Show ID-token claims'}
      </button>
      {/* The bodies and claims scroll, so they are keyboard-focusable (axe scrollable-region-focusable) and named for readers. */}
      {showClaims && (
        <pre id="id-token-claims" className="inspector__body" tabIndex={0} role="region" aria-label="ID-token claims" data-testid="inspector-claims">
          {claims ? JSON.stringify(claims, null, 2) : 'No ID token: you are not signed in.'}
        </pre>
      )}
    </section>
  );
}

/** lambda mode: the principal and context the Lambda authorizer handed the ride function (echoed in the ride answer). */
function AuthorizerAnswer({ body }: { body: string | undefined }) {
  const echo = authorizerEcho(body);
  if (!echo) return null;
  return (
    <>
      <h3>What the Lambda authorizer told the function</h3>
      <dl className="inspector__facts" data-testid="inspector-authorizer">
        <dt>principalId</dt>
        <dd>
          <code className="wrap" data-testid="inspector-principal">{echo.principalId}</code>
        </dd>
        {Object.entries(echo.context).map(([key, value]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt>context.{key}</dt>
            <dd>
              <code className="wrap">{value === '' ? '(empty)' : value}</code>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
