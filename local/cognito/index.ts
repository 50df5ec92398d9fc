import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadAdminCredentials } from '../admin-credentials.js';
import { adminCaller, chainLookups, issuedCaller, type CallerLookup } from '../callers.js';
import { createCallerAuth } from './caller-auth.js';
import { readBodyUpTo } from '../http/body.js';
import { INTERNAL_ERROR } from '../http/internal-error.js';
import { serveSafely } from '../http/safe-listener.js';
import { configFromStack } from './config-from-template.js';
import { BODY_LIMIT_BYTES, handleHttp } from './http.js';
import { createIdentityPoolActions, IDENTITY_KEY_NAME } from './identity-pool-actions.js';
import { loadKeyRing } from './keys.js';
import { durable, openStateFile } from './state-file.js';
import type { CognitoLocal, CognitoLocalOptions } from './types.js';
import { createUserPool } from './user-pool/index.js';
import { createSignIn } from './user-pool/sign-in.js';
import { createCodeStore, openIdConfiguration as oidcMetadata, serveOAuth, type OAuthServer } from './oauth2/index.js';
import { LocalCloudError } from '../errors.js';

/** The template asks for something of Cognito's domains the local cloud does not reproduce (two hosted UIs). */
export class UnsupportedDomainsError extends LocalCloudError {
  override name = 'UnsupportedDomainsError';
}

export type { CognitoLocal, CognitoLocalOptions, IssuedCredentials, MailMessage } from './types.js';
export { configFromStack } from './config-from-template.js';
export { BODY_LIMIT_BYTES } from './http.js';

/**
 * A local Cognito for the pools of a synthesized stack: user pools (SRP
 * included) and identity pools, speaking the same wire protocol as the real
 * service, keeping everything under `<dataDir>/cognito/`.
 */
export async function createCognitoLocal(opts: CognitoLocalOptions): Promise<CognitoLocal> {
  const config = configFromStack(opts.stack);
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const cognitoDir = join(opts.dataDir, 'cognito');
  mkdirSync(cognitoDir, { recursive: true, mode: 0o700 });

  const keys = loadKeyRing(cognitoDir, [...config.userPools.map((p) => p.id), IDENTITY_KEY_NAME]);
  const file = await openStateFile(
    cognitoDir,
    config.userPools.map((p) => p.id),
    config.identityPools.map((p) => p.id),
    { now, log },
  );
  // durable(): an action's answer waits until what it committed is on disk (see state-file.ts).
  const userPool = createUserPool({ userPools: config.userPools, file, keys, now, log });
  const userPoolActions = durable(userPool.actions, file);
  const identityPoolActions = durable(createIdentityPoolActions({
    identityPools: config.identityPools,
    userPools: config.userPools,
    file,
    keys,
    now,
    idTokenIsLive(userPoolId, claims) {
      const user = file.state.userPools[userPoolId]?.users[String(claims['cognito:username'])];
      return !!user && user.sub === claims.sub && !!user.sessions[String(claims.origin_jti)];
    },
  }), file);

  const lookupCredentials: CognitoLocal['lookupCredentials'] = (accessKeyId) => {
    const c = Object.hasOwn(file.state.credentials, accessKeyId) ? file.state.credentials[accessKeyId] : undefined;
    if (!c) return undefined;
    const { expiresAt, ...rest } = c;
    return { ...rest, expiration: new Date(expiresAt) };
  };
  // Who may sign the actions that need credentials: the local admin, this pool's identity credentials, and whoever the host adds (functions).
  const adminCredentials = opts.admin ?? loadAdminCredentials(opts.dataDir);
  const admin = adminCaller(opts.stack, adminCredentials);
  const issued: CallerLookup = (accessKeyId) => {
    const credentials = lookupCredentials(accessKeyId);
    return credentials && issuedCaller(credentials);
  };
  const authorize = createCallerAuth({
    stack: opts.stack,
    lookup: chainLookups((id) => (id === admin.accessKeyId ? admin : undefined), issued, opts.callers ?? (() => undefined)),
    // The signature's 5-minute window is about the signer's real clock; `now` only moves Cognito's own expiries.
    now: Date.now,
  });
  const allowedOrigins = opts.allowedOrigins ?? (() => []);

  const jwks = (userPoolId: string) => {
    if (!config.userPools.some((p) => p.id === userPoolId)) return { keys: [] };
    return { keys: [keys.signingKey(userPoolId).jwk] };
  };

  // The hosted UI and the OAuth 2.0 endpoints of the pool with a Cognito domain, served on this port (local/cognito/oauth2/).
  const domainPools = config.userPools.filter((p) => p.domainPrefix !== undefined);
  if (domainPools.length > 1) {
    throw new UnsupportedDomainsError(`The template gives ${domainPools.length} user pools a domain; the local Cognito serves one hosted UI (on its own port).`);
  }
  const oauth: OAuthServer | undefined = domainPools[0] && {
    pool: domainPools[0],
    ctx: userPool.ctx,
    signIn: createSignIn(userPool.ctx),
    actions: userPoolActions,
    codes: createCodeStore(now),
    localUrl: opts.localUrl ?? ((url) => url),
    now,
    log,
  };

  const openIdConfiguration = (userPoolId: string, baseUrl: string) => {
    const pool = config.userPools.find((p) => p.id === userPoolId)!;
    return oidcMetadata(pool, baseUrl, pool === oauth?.pool ? baseUrl : undefined);
  };

  return {
    handle: (req, res, body) =>
      handleHttp(req, res, body, {
        userPoolActions,
        identityPoolActions,
        userPoolIds: config.userPools.map((p) => p.id),
        jwks,
        openIdConfiguration,
        mailbox: () => file.state.mailbox,
        log,
        authorize,
        allowedOrigins,
        ...(oauth ? { oauth: (req, res, body, cors) => serveOAuth(oauth, req, res, body, cors) } : {}),
      }),
    jwks,
    lookupCredentials,
    adminCredentials: { accessKeyId: adminCredentials.accessKeyId, secretAccessKey: adminCredentials.secretAccessKey },
    mailbox: () => file.state.mailbox.map((m) => ({ ...m })),
    userPools: config.userPools.map((p) => ({ id: p.id, logicalId: p.logicalId, clientIds: [...p.clients.keys()], ...(p.domainPrefix !== undefined ? { domainPrefix: p.domainPrefix } : {}) })),
    identityPools: config.identityPools.map((p) => ({ id: p.id, logicalId: p.logicalId })),
    // Every change is on disk before its answer is sent; this waits for any last write and releases the store.
    close: () => file.close(),
  };
}

/**
 * The HTTP request handler of a local Cognito, for any server that hosts it:
 * register it with `serveSafely` (local/http), which turns anything it throws
 * into Cognito's InternalErrorException for that request only. Bodies are read
 * up to the limit and no further is kept (the client still gets an answer:
 * `handle` refuses an over-long body with 413), so a huge upload cannot fill memory.
 */
export function cognitoRequestListener(cognito: CognitoLocal) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const handled = await cognito.handle(req, res, await readBodyUpTo(req, BODY_LIMIT_BYTES));
    if (!handled && !res.headersSent) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'Not Found' }));
    }
  };
}

/** How a server hosts a local Cognito: its handler behind the one error policy of every local server. */
export function serveCognito(server: Server, cognito: CognitoLocal, log: (line: string) => void): Server {
  return serveSafely(server, cognitoRequestListener(cognito), { service: 'cognito', internalError: INTERNAL_ERROR.cognito, log });
}

/** A Cognito on its own HTTP port, for tests and tools. Listens on 127.0.0.1 and a free port unless told otherwise. */
export async function startCognitoServer(
  opts: CognitoLocalOptions & { host?: string; port?: number },
): Promise<{ url: string; cognito: CognitoLocal; close(): Promise<void> }> {
  const cognito = await createCognitoLocal(opts);
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const server = serveCognito(createServer(), cognito, log);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    cognito,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await cognito.close();
    },
  };
}
