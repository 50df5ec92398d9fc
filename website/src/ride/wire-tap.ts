/**
 * Records what actually went on the wire for requests to one URL prefix, by wrapping
 * the global `fetch` for the duration of a call. Amplify's REST client sends through
 * the global `fetch` after it has added (or not added) the Authorization header and
 * the SigV4 headers, so this shows the real headers, not what we meant to send.
 * (The browser's CORS preflight is not visible to page code, and not recorded.)
 */

export interface CapturedExchange {
  method: string;
  url: string;
  /** Header names lower-cased, as fetch normalises them. */
  requestHeaders: Record<string, string>;
  requestBody: string | undefined;
  /** Undefined when no response arrived (network failure, CORS block). */
  status: number | undefined;
  responseBody: string | undefined;
  /** The network-level failure, when there was no response. */
  networkError: string | undefined;
  /** API Gateway's x-amzn-RequestId (readable because the API exposes it); the local "Why?" panel looks it up. */
  requestId?: string | undefined;
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

function headersOf(input: RequestInfo | URL, init: RequestInit | undefined): Record<string, string> {
  const headers = new Headers(input instanceof Request ? input.headers : undefined);
  new Headers(init?.headers).forEach((value, key) => headers.set(key, value));
  const out: Record<string, string> = {};
  // Browsers already lower-case names here; not every fetch implementation does.
  headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}

/**
 * Runs `fn` with `fetch` wrapped; returns its result (or rethrows its error) along with
 * every exchange with a URL starting with `urlPrefix`. Restores the original `fetch`
 * even if `fn` throws.
 */
export async function withWireTap<T>(
  urlPrefix: string,
  fn: () => Promise<T>,
  target: { fetch: typeof fetch } = globalThis,
): Promise<{ outcome: { ok: true; value: T } | { ok: false; error: unknown }; exchanges: CapturedExchange[] }> {
  const original = target.fetch;
  const exchanges: CapturedExchange[] = [];
  const tapped: typeof fetch = async (input, init) => {
    const url = urlOf(input);
    if (!url.startsWith(urlPrefix)) return original.call(target, input, init);
    const exchange: CapturedExchange = {
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
      url,
      requestHeaders: headersOf(input, init),
      requestBody: typeof init?.body === 'string' ? init.body : undefined,
      status: undefined,
      responseBody: undefined,
      networkError: undefined,
    };
    exchanges.push(exchange);
    try {
      const response = await original.call(target, input, init);
      exchange.status = response.status;
      exchange.requestId = response.headers.get('x-amzn-requestid') ?? undefined;
      // Read a copy so the caller (Amplify) can still read the original body.
      exchange.responseBody = await response.clone().text().catch(() => undefined);
      return response;
    } catch (e) {
      exchange.networkError = e instanceof Error ? e.message : String(e);
      throw e;
    }
  };
  target.fetch = tapped;
  try {
    const value = await fn();
    return { outcome: { ok: true, value }, exchanges };
  } catch (error) {
    return { outcome: { ok: false, error }, exchanges };
  } finally {
    target.fetch = original;
  }
}
