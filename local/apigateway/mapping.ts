import { ownEntry } from '../http/request-keyed.js';

/** What a mapping expression may read from the request (maps keyed by request input: null-prototype, see request-keyed.ts). */
export interface MappingSource {
  /** Lower-case header name → value. */
  headers: Record<string, string>;
  query: Record<string, string>;
  pathParameters: Record<string, string>;
}

/**
 * Evaluates a response-parameter mapping expression: `'literal'`, or
 * `method.request.header|querystring|path.NAME`. Unknown forms give undefined,
 * so nothing is sent rather than something invented.
 */
export function evaluateMapping(expression: string, source: MappingSource): string | undefined {
  const literal = /^'(.*)'$/s.exec(expression);
  if (literal) return literal[1];
  const m = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(expression);
  if (!m) return undefined;
  const [, where, name] = m as unknown as [string, string, string];
  // Only what the request holds: `method.request.header.constructor` must not find Object's constructor.
  if (where === 'header') return ownEntry(source.headers, name.toLowerCase());
  if (where === 'querystring') return ownEntry(source.query, name);
  return ownEntry(source.pathParameters, name);
}

/** Response headers named `<prefix>X` in a ResponseParameters map, evaluated. */
export function mappedHeaders(parameters: Record<string, string>, prefix: string, source: MappingSource): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, expression] of Object.entries(parameters)) {
    if (!key.startsWith(prefix)) continue;
    const value = evaluateMapping(expression, source);
    if (value !== undefined) out[key.slice(prefix.length)] = value;
  }
  return out;
}
