import type { AuthMode } from '../auth-mode.js';
import { cognito } from './cognito.js';
import { iam } from './iam.js';
import { lambdaAuthorizer } from './lambda.js';
import { none } from './none.js';
import type { AuthModeWiring } from './wiring.js';

export type { AuthModeWiring, AuthModeWiringProps } from './wiring.js';

/**
 * Every auth mode's stack wiring, keyed by mode. The type asks for exactly one entry
 * per name in `AUTH_MODES` (lib/auth-mode.ts): a mode added there does not compile
 * until its file here is written and listed.
 */
export const AUTH_MODE_WIRING: { readonly [M in AuthMode]: AuthModeWiring } = { none, cognito, iam, lambda: lambdaAuthorizer };
