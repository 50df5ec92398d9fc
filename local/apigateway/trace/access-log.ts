import type { DecisionTrace } from './decision-trace.js';

export type AccessLogFormat = 'text' | 'json';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `19:42:07` in local time: what a person watching the terminal reads against their clock. */
function clock(iso: string): string {
  const d = new Date(iso);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/**
 * One line per API request for `npm start`'s terminal: time, method, path,
 * status, latency, auth mode, who, and for a refusal why in plain words.
 * JSON lines carry the same fields (and the request id) for tools.
 */
export function accessLogLine(trace: DecisionTrace, format: AccessLogFormat): string {
  if (format === 'json') {
    return JSON.stringify({
      time: trace.time,
      requestId: trace.requestId,
      method: trace.method,
      path: trace.path,
      status: trace.status,
      latencyMs: trace.latencyMs,
      authMode: trace.authMode,
      who: trace.who,
      ...(trace.refusal ? { why: trace.refusal.reason, responseType: trace.refusal.responseType } : {}),
    });
  }
  const why = trace.refusal ? ` — ${trace.status}: ${trace.refusal.reason}` : '';
  return `${clock(trace.time)} ${trace.method} ${trace.path} ${trace.status} ${trace.latencyMs}ms auth=${trace.authMode} who=${trace.who} id=${trace.requestId}${why}`;
}
