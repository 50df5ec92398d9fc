import type { PolicyDocument } from '../iam/index.js';
import { TemplateError, type LocalStack } from '../template/index.js';
import type { AuthorizerModel } from './authorizers/authorizer.js';
import { authorizerKind, authorizerKindForResource, SUPPORTED_AUTHORIZATION_TYPES, SUPPORTED_AUTHORIZER_TYPES } from './authorizers/index.js';
import { readStageThrottling, type StageThrottling } from './throttling/settings.js';

export type { AuthorizerModel } from './authorizers/authorizer.js';
export type { CognitoAuthorizerModel } from './authorizers/cognito.js';

/** A REST API as the template declares it, with local physical ids. */
export interface ApiModel {
  logicalId: string;
  id: string;
  name: string;
  stages: Map<string, StageModel>;
  root: ResourceNode;
  gatewayResponses: Map<string, GatewayResponseModel>;
  /** The API's resource policy (`Policy`), `execute-api:/…` resources written out as full ARNs; none when absent. */
  resourcePolicy?: PolicyDocument;
}

export interface StageModel {
  name: string;
  variables: Record<string, string>;
  /** The stage's `MethodSettings` throttling (throttling/settings.ts). */
  throttling: StageThrottling;
}

export interface ResourceNode {
  id: string;
  /** One segment: `ride`, `{id}` or `{proxy+}`; empty for the root. */
  pathPart: string;
  /** The resource path API Gateway reports, e.g. `/ride/{id}`. */
  path: string;
  children: ResourceNode[];
  /** By HTTP method, upper case (`ANY` included). */
  methods: Map<string, MethodModel>;
}

/** A method's AuthorizationType; the ones served are those of authorizers/index.ts. */
export type AuthorizationType = string;

export interface MethodModel {
  logicalId: string;
  httpMethod: string;
  authorizationType: AuthorizationType;
  authorizer?: AuthorizerModel;
  authorizationScopes: string[];
  /** `ApiKeyRequired`: the caller must bring a key of a usage plan of the stage (pipeline/api-key.ts). */
  apiKeyRequired: boolean;
  integration: IntegrationModel;
}


export interface MockIntegrationResponse {
  statusCode: number;
  selectionPattern?: string;
  /** `method.response.header.X` → mapping expression (`'literal'` or `method.request.header.Y`). */
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
}

export type IntegrationModel =
  | { type: 'AWS_PROXY'; functionLogicalId: string; functionArn: string; timeoutMs: number }
  | { type: 'MOCK'; responses: MockIntegrationResponse[] };

export interface GatewayResponseModel {
  responseType: string;
  statusCode?: number;
  /** `gatewayresponse.header.X` → mapping expression. */
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
}

/** Reads every REST API of the template. Anything it cannot serve faithfully is refused at start, by name. */
export function buildApiModels(stack: LocalStack): ApiModel[] {
  const { template } = stack;
  return stack.resourcesOfType('AWS::ApiGateway::RestApi').map((apiLogicalId) => {
    const apiProps = template.Resources[apiLogicalId]!.Properties ?? {};
    if (apiProps.Body !== undefined || apiProps.BodyS3Location !== undefined) {
      throw new TemplateError(`RestApi ${apiLogicalId} is defined by an OpenAPI body, which the local cloud does not read; declare it with resources and methods`);
    }
    const apiId = stack.physicalId(apiLogicalId);
    const belongs = (props: Record<string, unknown>) => stack.resolve<string>(props.RestApiId) === apiId;

    const rootId = stack.attribute(apiLogicalId, 'RootResourceId');
    const root: ResourceNode = { id: rootId, pathPart: '', path: '/', children: [], methods: new Map() };
    const nodes = new Map<string, ResourceNode>([[rootId, root]]);

    // Resources may come in any order in the template: attach each once its parent is known.
    const pending = stack.resourcesOfType('AWS::ApiGateway::Resource').filter((id) => belongs(template.Resources[id]!.Properties ?? {}));
    while (pending.length > 0) {
      const before = pending.length;
      for (let i = pending.length - 1; i >= 0; i--) {
        const logicalId = pending[i]!;
        const props = template.Resources[logicalId]!.Properties ?? {};
        const parent = nodes.get(stack.resolve<string>(props.ParentId));
        if (!parent) continue;
        const pathPart = String(stack.resolve(props.PathPart));
        const node: ResourceNode = {
          id: stack.physicalId(logicalId),
          pathPart,
          path: `${parent.path === '/' ? '' : parent.path}/${pathPart}`,
          children: [],
          methods: new Map(),
        };
        parent.children.push(node);
        nodes.set(node.id, node);
        pending.splice(i, 1);
      }
      if (pending.length === before) throw new TemplateError(`API resources ${pending.join(', ')} have a parent that is not in ${apiLogicalId}`);
    }

    const authorizers = new Map<string, AuthorizerModel>();
    for (const logicalId of stack.resourcesOfType('AWS::ApiGateway::Authorizer')) {
      const props = template.Resources[logicalId]!.Properties ?? {};
      if (!belongs(props)) continue;
      const type = String(stack.resolve(props.Type));
      const kind = authorizerKindForResource(type);
      if (!kind?.readAuthorizer) {
        throw new TemplateError(`Authorizer ${logicalId} is of type ${type}; the local cloud serves ${SUPPORTED_AUTHORIZER_TYPES.join(', ')} authorizers`);
      }
      const id = stack.physicalId(logicalId);
      authorizers.set(id, kind.readAuthorizer(stack, { logicalId, id, name: String(stack.resolve(props.Name ?? logicalId)), type }, props));
    }

    for (const logicalId of stack.resourcesOfType('AWS::ApiGateway::Method')) {
      const props = template.Resources[logicalId]!.Properties ?? {};
      if (!belongs(props)) continue;
      const node = nodes.get(stack.resolve<string>(props.ResourceId));
      if (!node) throw new TemplateError(`Method ${logicalId} is on a resource that is not in ${apiLogicalId}`);
      const httpMethod = String(props.HttpMethod).toUpperCase();
      const authorizationType = String(props.AuthorizationType ?? 'NONE');
      if (!SUPPORTED_AUTHORIZATION_TYPES.includes(authorizationType)) {
        throw new TemplateError(`Method ${logicalId} uses authorization ${authorizationType}, which the local cloud does not serve`);
      }
      // A type that works through an authorizer resource (Cognito, later Lambda) needs the one the method names.
      const needsAuthorizer = !authorizerKind(authorizationType);
      let authorizer: AuthorizerModel | undefined;
      if (needsAuthorizer) {
        authorizer = authorizers.get(stack.resolve<string>(props.AuthorizerId));
        if (!authorizer) throw new TemplateError(`Method ${logicalId} names an authorizer that is not in ${apiLogicalId}`);
        if (!authorizerKind(authorizationType, authorizer.type)) {
          throw new TemplateError(`Method ${logicalId} uses authorization ${authorizationType} with authorizer ${authorizer.logicalId} of type ${authorizer.type}, which do not go together`);
        }
      }
      node.methods.set(httpMethod, {
        logicalId,
        httpMethod,
        authorizationType,
        ...(authorizer ? { authorizer } : {}),
        authorizationScopes: stack.resolve<string[]>(props.AuthorizationScopes ?? []),
        apiKeyRequired: stack.resolve(props.ApiKeyRequired) === true,
        integration: integrationOf(stack, logicalId, props.Integration),
      });
    }

    const stages = new Map<string, StageModel>();
    for (const logicalId of stack.resourcesOfType('AWS::ApiGateway::Stage')) {
      const props = template.Resources[logicalId]!.Properties ?? {};
      if (!belongs(props)) continue;
      const name = String(stack.resolve(props.StageName));
      stages.set(name, { name, variables: stack.resolve<Record<string, string>>(props.Variables ?? {}), throttling: readStageThrottling(stack, logicalId, props) });
    }
    for (const logicalId of stack.resourcesOfType('AWS::ApiGateway::Deployment')) {
      const props = template.Resources[logicalId]!.Properties ?? {};
      if (!belongs(props) || props.StageName === undefined) continue;
      const name = String(stack.resolve(props.StageName));
      if (!stages.has(name)) {
        const description = (props.StageDescription ?? {}) as Record<string, unknown>;
        stages.set(name, {
          name,
          variables: {},
          throttling: readStageThrottling(stack, logicalId, description),
        });
      }
    }

    const gatewayResponses = new Map<string, GatewayResponseModel>();
    for (const logicalId of stack.resourcesOfType('AWS::ApiGateway::GatewayResponse')) {
      const props = template.Resources[logicalId]!.Properties ?? {};
      if (!belongs(props)) continue;
      const responseType = String(props.ResponseType);
      gatewayResponses.set(responseType, {
        responseType,
        ...(props.StatusCode !== undefined ? { statusCode: Number(stack.resolve(props.StatusCode)) } : {}),
        responseParameters: stack.resolve<Record<string, string>>(props.ResponseParameters ?? {}),
        responseTemplates: stack.resolve<Record<string, string>>(props.ResponseTemplates ?? {}),
      });
    }

    const resourcePolicy = readResourcePolicy(stack, apiLogicalId, apiId, apiProps.Policy);
    return {
      logicalId: apiLogicalId,
      id: apiId,
      name: String(stack.resolve(apiProps.Name ?? apiLogicalId)),
      stages,
      root,
      gatewayResponses,
      ...(resourcePolicy ? { resourcePolicy } : {}),
    };
  });
}

/**
 * A RestApi's `Policy` (a JSON object or string). API Gateway lets a resource
 * policy name the API's own methods as `execute-api:/STAGE/VERB/PATH`; it
 * stands for `arn:aws:execute-api:REGION:ACCOUNT:API_ID/STAGE/VERB/PATH`,
 * written out here so the IAM evaluator matches plain ARNs.
 */
function readResourcePolicy(stack: LocalStack, apiLogicalId: string, apiId: string, raw: unknown): PolicyDocument | undefined {
  if (raw === undefined) return undefined;
  let policy = stack.resolve<unknown>(raw);
  if (typeof policy === 'string') {
    try {
      policy = JSON.parse(policy);
    } catch {
      throw new TemplateError(`RestApi ${apiLogicalId} has a Policy that is not JSON`);
    }
  }
  if (policy === null || typeof policy !== 'object' || !('Statement' in policy)) throw new TemplateError(`RestApi ${apiLogicalId} has a Policy without a Statement`);
  const prefix = `arn:aws:execute-api:${stack.region}:${stack.accountId}:${apiId}/`;
  const expand = (r: unknown) => (typeof r === 'string' && r.startsWith('execute-api:/') ? prefix + r.slice('execute-api:/'.length) : r);
  const doc = policy as PolicyDocument;
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).map((st) => ({
    ...st,
    ...(st.Resource !== undefined ? { Resource: (Array.isArray(st.Resource) ? st.Resource.map(expand) : expand(st.Resource)) as string | string[] } : {}),
    ...(st.NotResource !== undefined ? { NotResource: (Array.isArray(st.NotResource) ? st.NotResource.map(expand) : expand(st.NotResource)) as string | string[] } : {}),
  }));
  return { ...doc, Statement: statements };
}

function integrationOf(stack: LocalStack, methodLogicalId: string, integration: Record<string, any> | undefined): IntegrationModel {
  const type = String(integration?.Type ?? 'NONE');
  if (type === 'AWS_PROXY') {
    const uri = stack.resolve<string>(integration!.Uri);
    const functionArn = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri)?.[1];
    const functionLogicalId =
      functionArn &&
      stack.resourcesOfType('AWS::Lambda::Function').find((id) => {
        const arn = stack.attribute(id, 'Arn');
        // An alias or version ARN (`...:function:name:live`) still runs this function.
        return functionArn === arn || functionArn.startsWith(`${arn}:`);
      });
    if (!functionArn || !functionLogicalId) {
      throw new TemplateError(`Method ${methodLogicalId} integrates with ${uri}, which is not a Lambda function of this stack`);
    }
    // REST integrations stop waiting after 29 s unless the template says less.
    const timeoutMs = integration!.TimeoutInMillis !== undefined ? Number(stack.resolve(integration!.TimeoutInMillis)) : 29_000;
    return { type, functionLogicalId, functionArn, timeoutMs };
  }
  if (type === 'MOCK') {
    const responses = ((integration!.IntegrationResponses ?? []) as Record<string, unknown>[]).map((r) => ({
      statusCode: Number(stack.resolve(r.StatusCode)),
      ...(r.SelectionPattern !== undefined ? { selectionPattern: String(stack.resolve(r.SelectionPattern)) } : {}),
      responseParameters: stack.resolve<Record<string, string>>(r.ResponseParameters ?? {}),
      responseTemplates: stack.resolve<Record<string, string>>(r.ResponseTemplates ?? {}),
    }));
    return { type, responses };
  }
  throw new TemplateError(`Method ${methodLogicalId} has a ${type} integration; the local cloud serves AWS_PROXY (Lambda) and MOCK integrations`);
}
