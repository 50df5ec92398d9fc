import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { configFromStack } from './config-from-template.js';
import { BODY_LIMIT_BYTES, handleHttp } from './http.js';
import { createIdentityPoolActions, IDENTITY_KEY_NAME } from './identity-pool-actions.js';
import { loadKeyRing } from './keys.js';
import { openStateFile } from './state-file.js';
import { issuerOf } from './tokens.js';
import type { CognitoLocal, CognitoLocalOptions } from './types.js';
import { createUserPoolActions } from './user-pool/index.js';

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
  const file = openStateFile(
    cognitoDir,
    config.userPools.map((p) => p.id),
    config.identityPools.map((p) => p.id),
  );
  const userPoolActions = createUserPoolActions({ userPools: config.userPools, file, keys, now, log });
  const identityPoolActions = createIdentityPoolActions({
    identityPools: config.identityPools,
    userPools: config.userPools,
    file,
    keys,
    now,
    idTokenIsLive(userPoolId, claims) {
      const user = file.state.userPools[userPoolId]?.users[String(claims['cognito:username'])];
      return !!user && user.sub === claims.sub && !!user.sessions[String(claims.origin_jti)];
    },
  });

  const jwks = (userPoolId: string) => {
    if (!config.userPools.some((p) => p.id === userPoolId)) return { keys: [] };
    return { keys: [keys.signingKey(userPoolId).jwk] };
  };

  const openIdConfiguration = (userPoolId: string, baseUrl: string) => {
    const pool = config.userPools.find((p) => p.id === userPoolId)!;
    return {
      issuer: issuerOf(pool.region, pool.id),
      jwks_uri: `${baseUrl}/${pool.id}/.well-known/jwks.json`,
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      claims_supported: ['sub', 'email', 'email_verified', 'cognito:username', 'token_use', 'auth_time', 'iss', 'aud', 'exp', 'iat', 'jti', 'origin_jti'],
      response_types_supported: ['code', 'token'],
    };
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
      }),
    jwks,
    lookupCredentials(accessKeyId) {
      const c = Object.hasOwn(file.state.credentials, accessKeyId) ? file.state.credentials[accessKeyId] : undefined;
      if (!c) return undefined;
      const { expiresAt, ...rest } = c;
      return { ...rest, expiration: new Date(expiresAt) };
    },
    mailbox: () => file.state.mailbox.map((m) => ({ ...m })),
    userPools: config.userPools.map((p) => ({ id: p.id, logicalId: p.logicalId, clientIds: [...p.clients.keys()] })),
    identityPools: config.identityPools.map((p) => ({ id: p.id, logicalId: p.logicalId })),
    // Every change is on disk before its answer is sent, so there is nothing to flush.
    close: async () => {},
  };
}

/**
 * The HTTP request listener of a local Cognito, for any server that hosts it.
 * Bodies are read up to the limit and no further is kept (the client still gets
 * an answer: `handle` refuses an over-long body with 413), so a huge upload
 * cannot fill memory. A fault of the local Cognito itself answers Cognito's
 * generic error; the details go to the log only.
 */
export function cognitoRequestListener(cognito: CognitoLocal, log: (line: string) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => {
      cognito
        .handle(req, res, Buffer.concat(chunks))
        .then((handled) => {
          if (!handled && !res.headersSent) {
            res.writeHead(404, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ message: 'Not Found' }));
          }
        })
        .catch((err: unknown) => {
          log(`cognito: request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ __type: 'InternalErrorException', message: 'An internal error occurred.' }));
        });
    });
  };
}

/** A Cognito on its own HTTP port, for tests and tools. Listens on 127.0.0.1 and a free port unless told otherwise. */
export async function startCognitoServer(
  opts: CognitoLocalOptions & { host?: string; port?: number },
): Promise<{ url: string; cognito: CognitoLocal; close(): Promise<void> }> {
  const cognito = await createCognitoLocal(opts);
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const server = createServer(cognitoRequestListener(cognito, log));
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
