import type { Command } from '../../shared/command.js';
import { forgetSession, sessionFile } from '../session.js';

/** Forgets the stored tokens (this machine only; Cognito's refresh token stays valid until it expires). */
export const signOut: Command = {
  name: 'sign-out',
  summary: 'Forget the stored tokens on this machine',
  options: {},
  async run(ctx) {
    const target = ctx.target();
    const file = sessionFile(target);
    forgetSession(target);
    ctx.print(`Removed ${file}.`);
    return 0;
  },
};
