import type { UserPoolClientConfig, UserPoolConfig } from '../config-from-template.js';
import { InvalidParameterException } from '../errors.js';
import { optionalString, requiredString, stringMap, type Input } from '../params.js';
import type { Actions } from './action.js';
import { createChallenges } from './challenges.js';
import type { UserPoolContext } from './context.js';
import { createSignIn } from './sign-in.js';
import { createSrpFlow } from './srp-flow.js';

/** InitiateAuth, RespondToAuthChallenge and their Admin twins: every sign-in flow. */
export function authFlowActions(ctx: UserPoolContext): Actions {
  const signIn = createSignIn(ctx);
  const srp = createSrpFlow(ctx, signIn);
  const challenges = createChallenges(ctx, signIn);

  const requireFlow = (client: UserPoolClientConfig, flow: Parameters<UserPoolClientConfig['explicitAuthFlows']['has']>[0], name: string) => {
    if (!client.explicitAuthFlows.has(flow)) throw new InvalidParameterException(`${name} flow not enabled for this client`);
  };

  const initiate = (pool: UserPoolConfig, client: UserPoolClientConfig, flow: string, params: Record<string, string>, admin: boolean) => {
    switch (flow) {
      case 'USER_SRP_AUTH':
        requireFlow(client, 'ALLOW_USER_SRP_AUTH', flow);
        return srp.srpStart(pool, client, params);
      case 'USER_PASSWORD_AUTH':
        if (admin) break;
        requireFlow(client, 'ALLOW_USER_PASSWORD_AUTH', flow);
        return signIn.passwordSignIn(pool, client, params);
      case 'ADMIN_USER_PASSWORD_AUTH':
      case 'ADMIN_NO_SRP_AUTH':
        if (!admin) break;
        requireFlow(client, 'ALLOW_ADMIN_USER_PASSWORD_AUTH', flow);
        return signIn.passwordSignIn(pool, client, params);
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        requireFlow(client, 'ALLOW_REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN_AUTH');
        return signIn.refreshSignIn(pool, client, params);
    }
    throw new InvalidParameterException(`Initiate Auth method not supported.`);
  };

  const respond = (pool: UserPoolConfig, client: UserPoolClientConfig, input: Input) => {
    const challenge = requiredString(input, 'ChallengeName');
    const responses = stringMap(input, 'ChallengeResponses');
    if (challenge === 'PASSWORD_VERIFIER') return srp.srpFinish(pool, client, responses);
    if (challenge === 'NEW_PASSWORD_REQUIRED') return challenges.newPasswordFinish(pool, client, optionalString(input, 'Session'), responses);
    throw new InvalidParameterException(`The challenge ${challenge} is not supported by this user pool.`);
  };

  return {
    InitiateAuth(input) {
      const { pool, client } = ctx.clientById(requiredString(input, 'ClientId'));
      return initiate(pool, client, requiredString(input, 'AuthFlow'), stringMap(input, 'AuthParameters'), false);
    },

    RespondToAuthChallenge(input) {
      const { pool, client } = ctx.clientById(requiredString(input, 'ClientId'));
      return respond(pool, client, input);
    },

    AdminInitiateAuth(input) {
      const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
      const client = ctx.clientOfPool(pool, requiredString(input, 'ClientId'));
      return initiate(pool, client, requiredString(input, 'AuthFlow'), stringMap(input, 'AuthParameters'), true);
    },

    AdminRespondToAuthChallenge(input) {
      const pool = ctx.poolById(requiredString(input, 'UserPoolId'));
      const client = ctx.clientOfPool(pool, requiredString(input, 'ClientId'));
      return respond(pool, client, input);
    },
  };
}
