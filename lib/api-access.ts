import { Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { AccessConfig } from './access-config.js';
import type { AuthMode } from './auth-mode.js';

export interface ApiAccessProps {
  readonly api: apigw.RestApi;
  readonly authMode: AuthMode;
  /** The checked context flags; rides.ts already applied `throttle` and `apiKeys` to the stage and method. */
  readonly config: AccessConfig;
}

/**
 * The access controls around the REST API that are not the auth mode (issue
 * 11), each from its context flag: a usage plan with the website's API key, a
 * resource policy by source IP, and a regional WAFv2 web ACL on the stage.
 */
export class ApiAccess extends Construct {
  /** The website's API key, when `apiKeys=true`. */
  readonly apiKey?: apigw.IApiKey;
  /**
   * The key's value as a deploy-time token (read by a custom resource with
   * apigateway:GET getApiKey includeValue): it reaches the website's
   * config.json without ever being written into the template or the outputs.
   */
  readonly apiKeyValue?: string;
  readonly webAcl?: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiAccessProps) {
    super(scope, id);
    const { api, config } = props;
    const stage = api.deploymentStage;

    if (config.apiKeys) {
      const { rateLimit, burstLimit, quotaPerDay } = config.usagePlan;
      const plan = api.addUsagePlan('UsagePlan', {
        name: 'WildRydesWebsite',
        description: 'Throttle and daily quota of each API key (an API key identifies a client; it does not authenticate a rider)',
        throttle: { rateLimit, burstLimit },
        quota: { limit: quotaPerDay, period: apigw.Period.DAY },
        apiStages: [{ api, stage }],
      });
      // No value given: API Gateway generates one, so it is in no template, no output and no repository.
      const key = new apigw.ApiKey(this, 'WebsiteKey', { description: 'The Wild Rydes website (config.json)', enabled: true });
      plan.addApiKey(key);
      this.apiKey = key;
      this.apiKeyValue = readApiKeyValue(this, key);
    }

    if (config.allowedSourceCidrs.length > 0) {
      for (const statement of sourceIpStatements(props.authMode, config.allowedSourceCidrs)) api.addToResourcePolicy(statement);
      // A changed resource policy takes effect only with a new deployment of the API.
      api.latestDeployment?.addToLogicalId({ allowedSourceCidrs: config.allowedSourceCidrs });
    }

    if (config.waf) {
      this.webAcl = webAclFor(this, config.wafRateLimit);
      const association = new wafv2.CfnWebACLAssociation(this, 'WebAclOnStage', { resourceArn: stage.stageArn, webAclArn: this.webAcl.attrArn });
      association.node.addDependency(stage);
    }
  }
}

/**
 * The resource policy of the API Gateway developer guide's source-IP example:
 * an explicit Deny of execute-api:Invoke for every source outside the ranges
 * (NotIpAddress on aws:SourceIp) and an Allow for everyone else.
 *
 * With AWS_IAM (authMode=iam) the Allow is left out: for a caller of the API's
 * own account "if an action is allowed by an identity-based policy, a
 * resource-based policy, or both, then AWS allows the action" (IAM user guide,
 * "Policy evaluation logic"), so an Allow for `*` here would let any signed
 * caller of the account in whatever its identity policy says. Without it the
 * rider's role policy must allow the call AND the resource policy must not
 * deny it. Without IAM (none, cognito) the resource policy must allow
 * explicitly, or every call is denied ("How API Gateway resource policies
 * affect authorization workflow").
 */
export function sourceIpStatements(authMode: AuthMode, cidrs: readonly string[]): iam.PolicyStatement[] {
  const everything = ['execute-api:/*'];
  const deny = new iam.PolicyStatement({
    sid: 'DenyOutsideAllowedSourceCidrs',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['execute-api:Invoke'],
    resources: everything,
    conditions: { NotIpAddress: { 'aws:SourceIp': [...cidrs] } },
  });
  if (authMode === 'iam') return [deny];
  const allow = new iam.PolicyStatement({
    sid: 'AllowInvoke',
    effect: iam.Effect.ALLOW,
    principals: [new iam.AnyPrincipal()],
    actions: ['execute-api:Invoke'],
    resources: everything,
  });
  return [allow, deny];
}

/** A regional web ACL: a rate-based rule per source IP, then the AWS managed common rule set; everything else allowed. */
function webAclFor(scope: Construct, rateLimit: number): wafv2.CfnWebACL {
  const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
  return new wafv2.CfnWebACL(scope, 'WebAcl', {
    name: `${Stack.of(scope).stackName}-api`,
    description: 'Wild Rydes API: requests per source IP, and the AWS managed common rule set',
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('WildRydesApi'),
    rules: [
      {
        name: 'RatePerSourceIp',
        priority: 0,
        action: { block: {} },
        // Counted over the trailing 5 minutes (EvaluationWindowSec 300, WAF's default), per source IP.
        statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
        visibilityConfig: visibility('RatePerSourceIp'),
      },
      {
        name: 'AWSManagedRulesCommonRuleSet',
        priority: 1,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
        visibilityConfig: visibility('AWSManagedRulesCommonRuleSet'),
      },
    ],
  });
}

/**
 * Reads the generated key's value at deploy time: GetApiKey with
 * includeValue, whose IAM action is apigateway:GET on the key's own ARN
 * (`arn:aws:apigateway:REGION::/apikeys/ID`). The value comes back as a
 * custom-resource attribute: a token resolved by CloudFormation, never
 * written into the template.
 */
function readApiKeyValue(scope: Construct, key: apigw.IApiKey): string {
  const stack = Stack.of(scope);
  const keyArn = `arn:${stack.partition}:apigateway:${stack.region}::/apikeys/${key.keyId}`;
  const call: cr.AwsSdkCall = {
    service: 'APIGateway',
    action: 'getApiKey',
    parameters: { apiKey: key.keyId, includeValue: true },
    physicalResourceId: cr.PhysicalResourceId.of(key.keyId),
    outputPaths: ['value'],
  };
  const reader = new cr.AwsCustomResource(scope, 'WebsiteKeyValue', {
    onCreate: call,
    onUpdate: call,
    policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions: ['apigateway:GET'], resources: [keyArn] })]),
    installLatestAwsSdk: false,
  });
  // AwsCustomResource runs CDK's own singleton function (one per stack, named after a fixed UUID); its role is CDK's.
  const helper = stack.node.children.find((c) => c.node.id.startsWith('AWS679f53fac002430cb0da5b7982bd2287'));
  Validations.of(helper ?? reader).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: "CDK's AwsCustomResource helper role; the managed AWSLambdaBasicExecutionRole only lets it write its own logs. Its only other permission is apigateway:GET on the website's key.",
  });
  return reader.getResponseField('value');
}
