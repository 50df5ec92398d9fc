import type { Action, Actions, UserPoolDeps } from './action.js';
import { adminActions } from './admin.js';
import { authFlowActions } from './auth-flows.js';
import { createContext, type UserPoolContext } from './context.js';
import { describeActions } from './describe.js';
import { groupActions } from './groups.js';
import { passwordResetActions } from './password-reset.js';
import { profileActions } from './profile.js';
import { sessionActions } from './sessions.js';
import { signUpActions } from './sign-up.js';

export type { Action, UserPoolDeps } from './action.js';
export type { UserPoolContext } from './context.js';

/**
 * Every group of the user-pool API (AWSCognitoIdentityProviderService). A new
 * action goes into the group file it belongs to; a new group is one entry here.
 */
const GROUPS: ((ctx: UserPoolContext) => Actions)[] = [
  signUpActions, // SignUp, ConfirmSignUp, ResendConfirmationCode
  authFlowActions, // InitiateAuth, RespondToAuthChallenge, AdminInitiateAuth, AdminRespondToAuthChallenge
  passwordResetActions, // ForgotPassword, ConfirmForgotPassword
  sessionActions, // GetUser, GlobalSignOut, RevokeToken
  profileActions, // ChangePassword, UpdateUserAttributes, GetUserAttributeVerificationCode, VerifyUserAttribute
  adminActions, // AdminCreateUser, AdminGetUser, ListUsers, AdminSetUserPassword, AdminDisableUser, ...
  describeActions, // DescribeUserPool, DescribeUserPoolClient
  groupActions, // CreateGroup, AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminListGroupsForUser, ListUsersInGroup
];

/** The actions by name, sharing one context (lookups, replay state) built from the deps. */
export function createUserPoolActions(deps: UserPoolDeps): Record<string, Action> {
  return createUserPool(deps).actions;
}

/** The actions and the context they share, for the hosted UI (local/cognito/hosted-ui/), which signs in with the same logic. */
export function createUserPool(deps: UserPoolDeps): { actions: Record<string, Action>; ctx: UserPoolContext } {
  const ctx = createContext(deps);
  const actions = new Map<string, Action>();
  for (const group of GROUPS) {
    for (const [name, action] of Object.entries(group(ctx))) {
      if (actions.has(name)) throw new Error(`user-pool action ${name} is registered twice`);
      actions.set(name, action);
    }
  }
  return { actions: Object.assign(Object.create(null) as Record<string, Action>, Object.fromEntries(actions)), ctx };
}
