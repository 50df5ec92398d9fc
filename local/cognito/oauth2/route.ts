import type { IncomingMessage } from 'node:http';
import type { Reply } from './reply.js';
import type { OAuthServer } from './server.js';

/** One endpoint of the Cognito domain: an OAuth 2.0 endpoint (this folder) or a hosted-UI page (../hosted-ui/). */
export interface Route {
  method: 'GET' | 'POST';
  /** Cognito's path, e.g. `/oauth2/token`, `/login`. */
  path: string;
  handle(call: RouteCall): Reply | Promise<Reply>;
}

export interface RouteCall {
  server: OAuthServer;
  req: IncomingMessage;
  url: URL;
  body: Buffer;
}
