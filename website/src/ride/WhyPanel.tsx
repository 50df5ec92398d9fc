/**
 * "Why?": what the local API Gateway checked for one request, fetched by its
 * request id (x-amzn-RequestId) from the local cloud's trace endpoint
 * (`GET /_local/requests/{id}` on this website's origin, loopback only). A
 * refusal shows why in plain words; a success the checks it passed. Real API
 * Gateway answers a refusal with a bare 401/403 and keeps no such trace, so
 * against a deployed stack the panel says the explanation is local only.
 */
import { useEffect, useState } from 'react';

/** What the panel reads of a decision trace (local/apigateway/trace/decision-trace.ts). */
export interface RequestTrace {
  requestId: string;
  status: number;
  authMode: string;
  who: string;
  checks: { step: string; outcome: 'passed' | 'refused'; reason: string }[];
  refusal?: { step: string; responseType: string; reason: string };
}

export type TraceLoader = (requestId: string) => Promise<RequestTrace | undefined>;

/** Same origin, no credentials: the website server answers it only to this machine. */
export const loadTrace: TraceLoader = async (requestId) => {
  const response = await fetch(`/_local/requests/${encodeURIComponent(requestId)}`, { cache: 'no-store' });
  return response.ok ? ((await response.json()) as RequestTrace) : undefined;
};

interface WhyPanelProps {
  requestId: string | undefined;
  /** True when the website is served by the local cloud (its config names local endpoints). */
  local: boolean;
  load?: TraceLoader;
}

type State = { kind: 'loading' } | { kind: 'found'; trace: RequestTrace } | { kind: 'missing' };

export function WhyPanel({ requestId, local, load = loadTrace }: WhyPanelProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    if (!local || !requestId) return;
    let live = true;
    setState({ kind: 'loading' });
    load(requestId).then(
      (trace) => live && setState(trace ? { kind: 'found', trace } : { kind: 'missing' }),
      () => live && setState({ kind: 'missing' }),
    );
    return () => {
      live = false;
    };
  }, [requestId, local, load]);

  if (!requestId) return null;
  return (
    <section className="why" aria-labelledby="why-heading" data-testid="why-panel">
      <h3 id="why-heading">Why?</h3>
      <p className="inspector__note">
        Request id <code>{requestId}</code>
      </p>
      {!local ? (
        <p data-testid="why-remote">
          API Gateway answers with a bare status; the explanation of each check is available locally only (<code>npm start</code>). In AWS, look this request id up in
          the API's execution logs.
        </p>
      ) : state.kind === 'loading' ? (
        <p>Asking the local cloud…</p>
      ) : state.kind === 'missing' ? (
        <p data-testid="why-missing">The local cloud keeps no trace of this request (it keeps the last 200 since it started).</p>
      ) : (
        <TraceView trace={state.trace} />
      )}
    </section>
  );
}

function TraceView({ trace }: { trace: RequestTrace }) {
  return (
    <>
      {trace.refusal ? (
        <p className="why__refusal" data-testid="why-refusal">
          <strong>{trace.status}</strong> refused by <code>{trace.refusal.step}</code> ({trace.refusal.responseType}): {trace.refusal.reason}
        </p>
      ) : (
        <p data-testid="why-success">
          {trace.status}: every check passed for <code>{trace.who}</code> (auth mode {trace.authMode}).
        </p>
      )}
      <ol className="why__checks" data-testid="why-checks">
        {trace.checks.map((check, i) => (
          <li key={i} data-outcome={check.outcome}>
            {check.outcome === 'passed' ? '✓' : '✗'} <code>{check.step}</code>: {check.reason}
          </li>
        ))}
      </ol>
    </>
  );
}
