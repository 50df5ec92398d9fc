import type { Command } from '../../shared/command.js';
import { adminCreate } from './admin-create.js';
import { confirm } from './confirm.js';
import { newPassword } from './new-password.js';
import { ride } from './ride.js';
import { rides } from './rides.js';
import { signIn } from './sign-in.js';
import { signOut } from './sign-out.js';
import { signUp } from './sign-up.js';
import { token } from './token.js';
import { whoami } from './whoami.js';

/**
 * The rider CLI's commands, in the order of the workshop (and of `--help`).
 * Adding one: a file in this folder exporting a `Command`, and its entry here.
 */
export const RIDER_COMMANDS: readonly Command[] = [signUp, confirm, signIn, adminCreate, newPassword, token, ride, rides, whoami, signOut];
