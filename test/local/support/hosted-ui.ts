import { createHash, randomBytes } from 'node:crypto';
import { codeFromMailbox } from './cloud.js';

/**
 * A browser as far as the hosted UI cares: a cookie jar, redirects followed by
 * hand (so a test sees each Location), and forms posted with their hidden
 * fields. No JavaScript, since the pages have none.
 */
export class FormBrowser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const target = new URL(url, this.base);
    const headers: Record<string, string> = {};
    if (this.cookies.size && target.origin === new URL(this.base).origin) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(target, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, redirect: 'manual', ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}) });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (attrs.some((a) => a.trim().toLowerCase() === 'max-age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location') ?? undefined, headers: response.headers, text: await response.text(), url: target.href };
  }

  /** Submits the page's form: its action, its hidden fields (the CSRF token) and the given ones. */
  async submit(page: { text: string; url: string }, fields: Record<string, string>, extra: Record<string, string> = {}) {
    const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
    if (!action) throw new Error(`no form on ${page.url}: ${page.text.slice(0, 300)}`);
    const hidden = Object.fromEntries([...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
    return this.request(new URL(action.replace(/&amp;/g, '&'), page.url).href, { form: { ...hidden, ...fields, ...extra } });
  }

  /** Follows redirects within the hosted UI until a page, or a redirect leaving it. */
  async follow(first: Awaited<ReturnType<FormBrowser['request']>>) {
    let r = first;
    while (r.status === 302 && r.location && new URL(r.location, r.url).origin === new URL(this.base).origin) r = await this.request(new URL(r.location, r.url).href);
    return r;
  }
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(base: string, params: Record<string, string>): string {
  return `${base}/oauth2/authorize?${new URLSearchParams(params).toString()}`;
}

/** Signs a new rider up on the hosted UI: the sign-up page, the code from the mailbox, then the sign-in page; returns the redirect back to the app. */
export async function signUpThroughHostedUi(browser: FormBrowser, authorize: string, email: string, password: string, mailboxUrl: string) {
  const login = await browser.follow(await browser.request(authorize));
  const signup = await browser.request(new URL(/href="(\/signup\?[^"]+)"/.exec(login.text)![1]!.replace(/&amp;/g, '&'), login.url).href);
  const confirm = await browser.follow(await browser.submit(signup, { email, password }));
  const code = await codeFromMailbox(mailboxUrl, email);
  const signIn = await browser.follow(await browser.submit(confirm, { username: email, code }));
  return browser.submit(signIn, { username: email, password });
}
