import { UnauthorizedException, UnsupportedTokenTypeException } from '../errors.js';
import { requiredString } from '../params.js';
import { unsealJwe } from '../sealed.js';
import type { RefreshTokenClaims } from '../tokens.js';
import type { Actions } from './action.js';
import { clientMayRead } from './attributes.js';
import type { UserPoolContext } from './context.js';

/** What a signed-in user does with their tokens: read themselves, sign out, revoke. */
export function sessionActions(ctx: UserPoolContext): Actions {
  const { file, keys } = ctx;
  return {
    GetUser(input) {
      const { pool, user, claims } = ctx.userFromAccessToken(requiredString(input, 'AccessToken'));
      // Only the attributes the token's app client may read (its ReadAttributes).
      const client = pool.clients.get(String(claims.client_id));
      return { Username: user.username, UserAttributes: ctx.attributesOf(user).filter((a) => client !== undefined && clientMayRead(client, a.Name)) };
    },

    GlobalSignOut(input) {
      const { user } = ctx.userFromAccessToken(requiredString(input, 'AccessToken'));
      user.sessions = {};
      file.commit();
      return {};
    },

    RevokeToken(input) {
      const token = requiredString(input, 'Token');
      const { pool, client } = ctx.clientById(requiredString(input, 'ClientId'));
      if (!client.enableTokenRevocation) throw new UnsupportedTokenTypeException('Token revocation is not enabled for this client.');
      const claims = unsealJwe<RefreshTokenClaims>(keys.sealingKey, token);
      if (!claims) throw new UnsupportedTokenTypeException('Unsupported token type');
      if (claims.clientId !== client.id || claims.userPoolId !== pool.id) throw new UnauthorizedException('Token does not belong to this client.');
      const user = ctx.userNamed(pool, claims.username);
      if (user?.sessions[claims.origin_jti]) {
        delete user.sessions[claims.origin_jti];
        file.commit();
      }
      return {};
    },
  };
}
