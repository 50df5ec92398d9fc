import { InitiateAuthCommand, RespondToAuthChallengeCommand, type AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import type { ApiAuth } from '../shared/api-call.js';
import { riderIdpClient } from '../shared/cognito-clients.js';
import { NotSignedInError, ServiceError } from '../shared/errors.js';
import { identityCredentials } from '../shared/identity-credentials.js';
import { secondsLeft } from '../shared/jwt.js';
import { explained } from '../shared/service-errors.js';
import type { Target } from '../shared/target.js';
import { apiScopesOf, refreshAtTokenEndpoint } from './hosted-ui-sign-in.js';
import { readSession, saveSession, type RiderSession } from './session.js';
import { srpClient } from './srp-client.js';

export type SrpOutcome = { kind: 'signed-in'; session: RiderSession } | { kind: 'challenge'; challengeName: string; cognitoSession: string; username: string };

function sessionFrom(target: Target, username: string, result: AuthenticationResultType, refreshToken?: string): RiderSession {
  const token = result.RefreshToken ?? refreshToken;
  return {
    username,
    userPoolId: target.userPoolId,
    userPoolClientId: target.userPoolClientId,
    idToken: result.IdToken!,
    accessToken: result.AccessToken!,
    ...(token ? { refreshToken: token } : {}),
  };
}

/**
 * USER_SRP_AUTH with the AWS SDK, as Amplify's signIn does it: InitiateAuth
 * with SRP_A, then RespondToAuthChallenge with the PASSWORD_VERIFIER proof.
 * Cognito may then ask for more (NEW_PASSWORD_REQUIRED for a user an
 * administrator created): the challenge is returned for the caller to answer.
 */
export async function srpSignIn(target: Target, email: string, password: string): Promise<SrpOutcome> {
  const idp = riderIdpClient(target);
  try {
    return await explained('Cognito', target.userPoolEndpoint, async () => {
      const srp = srpClient(target.userPoolId);
      const started = await idp.send(
        new InitiateAuthCommand({ ClientId: target.userPoolClientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: email, SRP_A: srp.A } }),
      );
      if (started.ChallengeName !== 'PASSWORD_VERIFIER') throw new ServiceError(`Cognito answered the SRP start with ${started.ChallengeName ?? 'no challenge'}, not PASSWORD_VERIFIER.`);
      const params = started.ChallengeParameters ?? {};
      const answer = await idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: target.userPoolClientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: srp.answer(params, password),
          ...(started.Session ? { Session: started.Session } : {}),
        }),
      );
      const username = params.USER_ID_FOR_SRP ?? email;
      if (answer.AuthenticationResult) return { kind: 'signed-in', session: sessionFrom(target, username, answer.AuthenticationResult) };
      return { kind: 'challenge', challengeName: answer.ChallengeName ?? 'unknown', cognitoSession: answer.Session ?? '', username };
    });
  } finally {
    idp.destroy();
  }
}

/** Answers NEW_PASSWORD_REQUIRED: the user's permanent password replaces the temporary one. */
export async function answerNewPassword(target: Target, username: string, cognitoSession: string, newPassword: string): Promise<RiderSession> {
  const idp = riderIdpClient(target);
  try {
    return await explained('Cognito', target.userPoolEndpoint, async () => {
      const answer = await idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: target.userPoolClientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: cognitoSession,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
        }),
      );
      if (!answer.AuthenticationResult) throw new ServiceError(`Cognito asked for another challenge, ${answer.ChallengeName}, which this tool does not answer.`);
      return sessionFrom(target, username, answer.AuthenticationResult);
    });
  } finally {
    idp.destroy();
  }
}

/** Refreshes a session whose ID token expires within a minute (REFRESH_TOKEN_AUTH); other sessions are returned as they are. */
export async function freshSession(target: Target): Promise<RiderSession> {
  const session = readSession(target);
  if ((secondsLeft(session.idToken) ?? Infinity) > 60) return session;
  if (!session.refreshToken) return session;
  if (session.via === 'hosted-ui') {
    const next = await refreshAtTokenEndpoint(target, session);
    saveSession(target, next);
    return next;
  }
  const idp = riderIdpClient(target);
  try {
    const refreshed = await explained('Cognito', target.userPoolEndpoint, () =>
      idp.send(new InitiateAuthCommand({ ClientId: target.userPoolClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: session.refreshToken! } })),
    );
    const next: RiderSession = { ...sessionFrom(target, session.username, refreshed.AuthenticationResult!, session.refreshToken) };
    if (session.identityId) next.identityId = session.identityId;
    saveSession(target, next);
    return next;
  } finally {
    idp.destroy();
  }
}

/** The session with identity-pool credentials that last at least another minute (fetched and kept when needed). */
export async function withCredentials(target: Target, session: RiderSession): Promise<RiderSession & Required<Pick<RiderSession, 'identityId' | 'credentials'>>> {
  const valid = session.credentials && Date.parse(session.credentials.expiration) - Date.now() > 60_000;
  if (valid && session.identityId) return session as RiderSession & Required<Pick<RiderSession, 'identityId' | 'credentials'>>;
  const { identityId, credentials } = await explained('Cognito identity pool', target.identityPoolEndpoint, () => identityCredentials(target, session.idToken));
  const next = { ...session, identityId, credentials };
  saveSession(target, next);
  return next;
}

/** What the API needs from this rider in the target's auth mode. */
export async function apiAuth(target: Target, options: { anonymous?: boolean; apiKey?: string } = {}): Promise<ApiAuth> {
  const apiKey = options.apiKey ?? target.apiKey;
  const base: ApiAuth = apiKey ? { apiKey } : {};
  if (target.authMode === 'none' || options.anonymous) return base;
  const session = await freshSession(target);
  if (target.authMode === 'iam') return { ...base, credentials: (await withCredentials(target, session)).credentials };
  if (target.tokenUse === 'access') {
    // -c requireScopes=true: the API takes access tokens with its scopes, which only the hosted UI grants
    // (an SRP sign-in's access token carries aws.cognito.signin.user.admin alone).
    if (apiScopesOf(session.accessToken).length === 0) {
      throw new NotSignedInError(
        `The API of ${target.stackName} wants an access token with the wildrydes/* scopes (the stack has -c requireScopes=true), and those come only from the hosted UI: ` +
          'sign in with `npm run rider -- sign-in --hosted-ui`.',
      );
    }
    return { ...base, token: session.accessToken };
  }
  return { ...base, token: session.idToken };
}
