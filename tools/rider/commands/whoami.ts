import type { Command } from '../../shared/command.js';
import { decodeClaims } from '../../shared/jwt.js';
import { describeTarget } from '../../shared/target.js';
import { freshSession, withCredentials } from '../auth.js';
import { sessionFile } from '../session.js';

const when = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : '?');

/**
 * Who the API will see: the ID token's claims (what the Cognito and Lambda
 * authorizers pass on), and the identity pool's identity and role (what iam
 * mode's SigV4 signature stands for).
 */
export const whoami: Command = {
  name: 'whoami',
  summary: 'Show the signed-in rider: decoded token claims, identity-pool identity and role',
  options: { json: { type: 'boolean', description: 'print the claims, identity id and role as JSON' } },
  async run(ctx) {
    const target = ctx.target();
    const session = await freshSession(target);
    const claims = decodeClaims(session.idToken);
    const identity = await withCredentials(target, session);
    // The identity pool hands out its authenticated role (the stack outputs it as RiderRoleArn; no role
    // mappings). A `cognito:preferred_role` claim (a group with a role) would be the one it chose instead.
    const role =
      typeof claims['cognito:preferred_role'] === 'string'
        ? claims['cognito:preferred_role']
        : (target.outputs.RiderRoleArn ?? "the identity pool's authenticated role (this stack's outputs do not name it; deploy again to see it)");
    if (ctx.values.json) {
      ctx.print(JSON.stringify({ claims, identityId: identity.identityId, role, accessKeyId: identity.credentials.accessKeyId }, null, 2));
      return 0;
    }
    ctx.print(`Signed in to the ${describeTarget(target)}; session in ${sessionFile(target)}`);
    ctx.print(`  username        ${String(claims['cognito:username'] ?? session.username)}`);
    ctx.print(`  email           ${String(claims.email ?? '?')}${claims.email_verified === true ? ' (verified)' : ''}`);
    ctx.print(`  sub             ${String(claims.sub)}`);
    ctx.print(`  groups          ${Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]).join(', ') : '(none)'}`);
    ctx.print(`  ID token        token_use ${String(claims.token_use)}, issuer ${String(claims.iss)}, audience ${String(claims.aud)}`);
    ctx.print(`                  issued ${when(claims.iat)}, expires ${when(claims.exp)}`);
    ctx.print(`  identity id     ${identity.identityId}`);
    ctx.print(`  role            ${role}`);
    ctx.print(`  credentials     ${identity.credentials.accessKeyId}, expire ${identity.credentials.expiration}`);
    ctx.print('');
    ctx.print('All claims:');
    ctx.print(JSON.stringify(claims, null, 2));
    return 0;
  },
};
