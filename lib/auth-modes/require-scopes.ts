import type { IAspect } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { IConstruct } from 'constructs';
import { scopeForMethod } from '../oauth-scopes.js';

/**
 * `-c requireScopes=true` (cognito mode): every method behind a Cognito user-pool
 * authorizer requires an access token with the scope `scopeForMethod` names for its
 * HTTP method. With AuthorizationScopes set, API Gateway validates the token as an
 * ACCESS token carrying one of them; without, it expects an ID token (API Gateway
 * developer guide, "Integrate a REST API with an Amazon Cognito user pool").
 *
 * An aspect, so methods added by any construct (GET /rides…) are covered too.
 */
export class RequireMethodScopes implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof apigw.CfnMethod)) return;
    if (node.authorizationType !== apigw.AuthorizationType.COGNITO) return;
    node.authorizationScopes = [scopeForMethod(node.httpMethod)];
  }
}
