import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminCredentials } from '../admin-credentials.js';
import type { CallerLookup } from '../callers.js';
import type { LocalStack } from '../template/index.js';
import type { MailMessage } from './model.js';

export type { MailMessage } from './model.js';

export interface CognitoLocalOptions {
  stack: LocalStack;
  /** The local cloud's data folder; Cognito keeps its files in `<dataDir>/cognito/`. */
  dataDir: string;
  /** Where mailbox lines and internal errors go; defaults to stdout. */
  log?: (line: string) => void;
  /** The clock, in ms since the epoch; tests move it to expire codes, tokens and lockouts. */
  now?: () => number;
  /** The local administrator; by default the data folder's (made on first start, see local/admin-credentials.ts). */
  admin?: AdminCredentials;
  /** Other signers besides the admin and this Cognito's own identity-pool credentials (the functions' role sessions). */
  callers?: CallerLookup;
  /** Origins a browser may call from (the local website's); any other origin gets no CORS headers. */
  allowedOrigins?: () => readonly string[];
  /**
   * Maps a URL of the template to where the local cloud serves it (the website's
   * CloudFront URL to the local website), for the hosted UI's callback and sign-out URLs.
   */
  localUrl?: (url: string) => string;
}

export interface CognitoLocal {
  /** Handles a Cognito request (user pools, identity pools, JWKS/OpenID paths, GET /_local/mailbox). Returns false if the request is not for Cognito. */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean>;
  /** Public keys per pool as a JWKS object, for the API Gateway's Cognito authorizer (aws-jwt-verify cacheJwks). */
  jwks(userPoolId: string): { keys: object[] };
  /** Credentials issued by GetCredentialsForIdentity, for SigV4 verification; undefined if unknown. Includes expired ones (the caller checks expiry). */
  lookupCredentials(accessKeyId: string): IssuedCredentials | undefined;
  mailbox(): MailMessage[];
  /** The credentials admin actions (ListUsers, AdminCreateUser...) must be signed with. */
  adminCredentials: AdminCredentials;
  /** The pools; `domainPrefix` for the one whose hosted UI and OAuth endpoints this Cognito serves. */
  userPools: { id: string; logicalId: string; clientIds: string[]; domainPrefix?: string }[];
  identityPools: { id: string; logicalId: string }[];
  close(): Promise<void>;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  identityId: string;
  identityPoolId: string;
  /** arn:aws:iam::ACCT:role/NAME */
  roleArn: string;
  /** arn:aws:sts::ACCT:assumed-role/NAME/CognitoIdentityCredentials */
  assumedRoleArn: string;
  /** 'cognito-idp.REGION.amazonaws.com/POOL,cognito-idp.REGION.amazonaws.com/POOL:CognitoSignIn:SUB' */
  authenticationProvider: string;
}
