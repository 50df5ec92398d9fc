import type { IncomingMessage } from 'node:http';
import type { UserPoolClientConfig, UserPoolConfig } from '../config-from-template.js';
import type { Action, UserPoolContext } from '../user-pool/index.js';
import type { SignIn } from '../user-pool/sign-in.js';
import type { CodeStore } from './codes.js';

/** What every OAuth endpoint and hosted-UI page works with. */
export interface OAuthServer {
  /** The pool whose Cognito domain this is (the template's AWS::Cognito::UserPoolDomain). */
  pool: UserPoolConfig;
  /** The user pool's shared context and sign-in logic: the same users, lockouts, codes and tokens as the API. */
  ctx: UserPoolContext;
  signIn: SignIn;
  /** The user-pool actions (SignUp, ConfirmSignUp, ForgotPassword…), each waiting for the disk like the API's. */
  actions: Record<string, Action>;
  codes: CodeStore;
  /** A URL of the template (the website's CloudFront URL) as the local cloud serves it. */
  localUrl(url: string): string;
  now(): number;
  log(line: string): void;
}

/** This server's own base URL, as the client reached it: the local stand-in for `https://<prefix>.auth.<region>.amazoncognito.com`. */
export function baseUrlOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}

/** The app client by id, when it belongs to the domain's pool. */
export function clientOf(server: OAuthServer, clientId: string | null): UserPoolClientConfig | undefined {
  return clientId ? server.pool.clients.get(clientId) : undefined;
}

/** The client's callback and sign-out URLs, with the template's website URL mapped to the local one. */
export const callbackUrls = (server: OAuthServer, client: UserPoolClientConfig) => client.oauth.callbackUrls.map(server.localUrl);
export const logoutUrls = (server: OAuthServer, client: UserPoolClientConfig) => client.oauth.logoutUrls.map(server.localUrl);
