import type { AuthorizerKind } from './authorizer.js';

/** NONE: every request passes, and the function is told nothing of the caller. */
export const none: AuthorizerKind = {
  authorizationType: 'NONE',
  authorizerTypes: [],
  create() {
    return { authorize: async () => ({ ok: true, context: {} }) };
  },
};
