import type { Command } from '../../shared/command.js';
import { UsageError } from '../../shared/errors.js';
import { freshSession } from '../auth.js';

/** Prints one token, alone on stdout, for `curl -H "Authorization: $(…)"` or a Postman variable. */
export const token: Command = {
  name: 'token',
  summary: 'Print the signed-in rider\'s ID token (or --access), refreshed when about to expire',
  details: 'Example: curl -X POST "$API/ride" -H "Authorization: $(npm run -s rider -- token)" -d \'{"PickupLocation":{"Latitude":47.6,"Longitude":-122.3}}\'',
  options: {
    id: { type: 'boolean', description: 'the ID token (default): what the Cognito and Lambda authorizers read' },
    access: { type: 'boolean', description: 'the access token: for Cognito\'s own user APIs (GetUser…); this API takes it only with -c requireScopes=true, from sign-in --hosted-ui' },
  },
  async run(ctx) {
    if (ctx.values.id && ctx.values.access) throw new UsageError('Give --id or --access, not both.');
    const session = await freshSession(ctx.target());
    ctx.print(ctx.values.access ? session.accessToken : session.idToken);
    return 0;
  },
};
