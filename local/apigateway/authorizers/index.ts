import type { AuthorizerKind } from './authorizer.js';
import { cognitoUserPools } from './cognito.js';
import { awsIam } from './iam.js';
import { lambdaAuthorizer } from './lambda.js';
import { none } from './none.js';

export type * from './authorizer.js';
export type { CognitoAuthorizerModel } from './cognito.js';
export { createCognitoAuthorizer, claimsForEvent } from './cognito.js';
export { authorizeIam, executeApiArn } from './iam.js';
export type { LambdaAuthorizerModel } from './lambda.js';

/**
 * Every authorization the local API Gateway serves, one entry per type. The
 * template is checked against this list at start (model.ts): a method or an
 * authorizer resource of a type not listed here is refused by name. A new type
 * (the Lambda TOKEN/REQUEST authorizer, AuthorizationType CUSTOM) is one file
 * in this folder and one entry here.
 */
export const AUTHORIZER_KINDS: readonly AuthorizerKind[] = [none, awsIam, cognitoUserPools, lambdaAuthorizer];

/** The entry for a method's AuthorizationType and, when it names one, its authorizer resource's Type. */
export function authorizerKind(authorizationType: string, authorizerType?: string): AuthorizerKind | undefined {
  return AUTHORIZER_KINDS.find(
    (kind) =>
      kind.authorizationType === authorizationType &&
      (kind.authorizerTypes.length === 0 ? authorizerType === undefined : authorizerType !== undefined && kind.authorizerTypes.includes(authorizerType)),
  );
}

/** The entry that reads `AWS::ApiGateway::Authorizer` resources of a Type. */
export function authorizerKindForResource(authorizerType: string): AuthorizerKind | undefined {
  return AUTHORIZER_KINDS.find((kind) => kind.authorizerTypes.includes(authorizerType));
}

/** Names for messages: `NONE, AWS_IAM, COGNITO_USER_POOLS`. */
export const SUPPORTED_AUTHORIZATION_TYPES = [...new Set(AUTHORIZER_KINDS.map((kind) => kind.authorizationType))];
export const SUPPORTED_AUTHORIZER_TYPES = AUTHORIZER_KINDS.flatMap((kind) => kind.authorizerTypes);
