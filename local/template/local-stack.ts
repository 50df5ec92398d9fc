import { TemplateError } from './errors.js';
import { hashedId, physicalIdFor } from './physical-ids.js';
import type { CfnTemplate, LocalStack } from './types.js';

export interface LocalStackOptions {
  stackName: string;
  template: CfnTemplate;
  assemblyDir: string;
  region?: string;
  accountId?: string;
}

/** The values the local cloud answers for AWS's pseudo parameters. */
export const LOCAL_DEFAULTS = { region: 'us-east-1', accountId: '123456789012' } as const;

/** Places a synthesized stack on this machine: local ids for its resources and a resolver for its intrinsics. */
export function createLocalStack(options: LocalStackOptions): LocalStack {
  const { stackName, template, assemblyDir } = options;
  const region = options.region ?? LOCAL_DEFAULTS.region;
  const accountId = options.accountId ?? LOCAL_DEFAULTS.accountId;
  const ids = new Map<string, string>();

  const resourceOf = (logicalId: string) => {
    const resource = template.Resources[logicalId];
    if (!resource) throw new TemplateError(`The template has no resource named ${logicalId}`);
    return resource;
  };

  const physicalId = (logicalId: string): string => {
    let id = ids.get(logicalId);
    if (id === undefined) {
      const resource = resourceOf(logicalId);
      // Names given in the template may themselves use intrinsics (e.g. a Fn::Join of the stack name).
      const props = resolveLiteralNames(resource.Properties ?? {});
      id = physicalIdFor(stackName, region, logicalId, resource.Type, props);
      ids.set(logicalId, id);
    }
    return id;
  };

  const pseudo: Record<string, string> = {
    'AWS::Region': region,
    'AWS::AccountId': accountId,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stackName,
    'AWS::StackId': `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/${hashedId(stackName, 8, '0123456789abcdef')}`,
    'AWS::NoValue': '',
  };

  const arn = (service: string, resource: string, withRegion = true, withAccount = true) =>
    `arn:aws:${service}:${withRegion ? region : ''}:${withAccount ? accountId : ''}:${resource}`;

  const attribute = (logicalId: string, attr: string): string => {
    const resource = resourceOf(logicalId);
    const id = physicalId(logicalId);
    switch (`${resource.Type}.${attr}`) {
      case 'AWS::Cognito::UserPool.Arn':
        return arn('cognito-idp', `userpool/${id}`);
      case 'AWS::Cognito::UserPool.ProviderName':
        return `cognito-idp.${region}.amazonaws.com/${id}`;
      case 'AWS::Cognito::UserPool.ProviderURL':
        return `https://cognito-idp.${region}.amazonaws.com/${id}`;
      case 'AWS::Cognito::UserPool.UserPoolId':
      case 'AWS::Cognito::UserPoolClient.ClientId':
      case 'AWS::Cognito::IdentityPool.Id':
      case 'AWS::CloudFront::Distribution.Id':
        return id;
      case 'AWS::IAM::Role.Arn':
        return `arn:aws:iam::${accountId}:role/${id}`;
      case 'AWS::IAM::Role.RoleId':
        return `AROA${hashedId(`${stackName}/${logicalId}/roleid`, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
      case 'AWS::DynamoDB::Table.Arn':
        return arn('dynamodb', `table/${id}`);
      case 'AWS::DynamoDB::Table.StreamArn':
        return arn('dynamodb', `table/${id}/stream/1970-01-01T00:00:00.000`);
      case 'AWS::Lambda::Function.Arn':
        return arn('lambda', `function:${id}`);
      case 'AWS::ApiGateway::RestApi.RootResourceId':
        return hashedId(`${stackName}/${logicalId}/root`, 10, 'abcdefghijklmnopqrstuvwxyz0123456789');
      case 'AWS::S3::Bucket.Arn':
        return `arn:aws:s3:::${id}`;
      case 'AWS::S3::Bucket.DomainName':
        return `${id}.s3.amazonaws.com`;
      case 'AWS::S3::Bucket.RegionalDomainName':
        return `${id}.s3.${region}.amazonaws.com`;
      case 'AWS::CloudFront::Distribution.DomainName':
        return `d${hashedId(`${stackName}/${logicalId}/domain`, 13, 'abcdefghijklmnopqrstuvwxyz0123456789')}.cloudfront.net`;
      case 'AWS::Logs::LogGroup.Arn':
        return arn('logs', `log-group:${id}:*`);
      case 'AWS::CloudFront::OriginAccessControl.Id':
        return id;
      default:
        if (attr === 'Arn') return arn(serviceOf(resource.Type), `${id}`);
        return `${id}.${attr}`;
    }
  };

  const conditionHolds = (name: string, seen = new Set<string>()): boolean => {
    if (seen.has(name)) throw new TemplateError(`Condition ${name} refers to itself`);
    const expr = template.Conditions?.[name];
    if (expr === undefined) throw new TemplateError(`The template has no condition named ${name}`);
    return Boolean(resolveValue(expr, new Set([...seen, name])));
  };

  const resolveValue = (value: unknown, seenConditions = new Set<string>()): unknown => {
    if (Array.isArray(value)) return value.map((v) => resolveValue(v, seenConditions)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [key, arg] = entries[0]!;
      switch (key) {
        case 'Ref': {
          const name = String(arg);
          if (name === 'AWS::NoValue') return NO_VALUE;
          if (name in pseudo) return pseudo[name];
          if (template.Parameters?.[name]) return template.Parameters[name]!.Default;
          return physicalId(name);
        }
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? (arg as string[]) : String(arg).split(/\.(.+)/);
          return attribute(String(id), String(attr));
        }
        case 'Fn::Join': {
          const [sep, parts] = arg as [string, unknown[]];
          const resolved = resolveValue(parts, seenConditions) as unknown[];
          return resolved.map(String).join(sep);
        }
        case 'Fn::Sub': {
          const [text, vars] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [String(arg), {}];
          return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
            if (name.startsWith('!')) return `\${${name.slice(1)}}`;
            if (name in vars) return String(resolveValue(vars[name], seenConditions));
            if (name in pseudo) return pseudo[name]!;
            const dot = name.indexOf('.');
            return dot === -1 ? physicalId(name) : attribute(name.slice(0, dot), name.slice(dot + 1));
          });
        }
        case 'Fn::Select': {
          const [index, list] = arg as [unknown, unknown];
          const items = resolveValue(list, seenConditions) as unknown[];
          const i = Number(resolveValue(index, seenConditions));
          if (!Array.isArray(items) || !(i in items)) throw new TemplateError(`Fn::Select index ${i} is out of range`);
          return items[i];
        }
        case 'Fn::Split': {
          const [sep, text] = arg as [string, unknown];
          return String(resolveValue(text, seenConditions)).split(sep);
        }
        case 'Fn::GetAZs':
          return [`${region}a`, `${region}b`, `${region}c`];
        case 'Fn::If': {
          const [cond, yes, no] = arg as [string, unknown, unknown];
          return resolveValue(conditionHolds(cond, seenConditions) ? yes : no, seenConditions);
        }
        case 'Fn::Equals': {
          const [a, b] = resolveValue(arg, seenConditions) as [unknown, unknown];
          return JSON.stringify(a) === JSON.stringify(b);
        }
        case 'Fn::Not':
          return !(resolveValue((arg as unknown[])[0], seenConditions) as boolean);
        case 'Fn::And':
          return (arg as unknown[]).every((c) => resolveValue(c, seenConditions));
        case 'Fn::Or':
          return (arg as unknown[]).some((c) => resolveValue(c, seenConditions));
        case 'Condition':
          return conditionHolds(String(arg), seenConditions);
        case 'Fn::ImportValue':
          throw new TemplateError('Fn::ImportValue (cross-stack references) is not supported by the local cloud');
        case 'Fn::Base64':
          return Buffer.from(String(resolveValue(arg, seenConditions))).toString('base64');
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const r = resolveValue(v, seenConditions);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  };

  // Only string-valued name properties matter for ids; resolve them without recursion into physicalId of self.
  function resolveLiteralNames(props: Record<string, any>): Record<string, any> {
    const names: Record<string, any> = {};
    for (const key of ['TableName', 'FunctionName', 'RoleName', 'BucketName', 'LogGroupName', 'StageName', 'Identifier', 'Domain']) {
      if (props[key] !== undefined) names[key] = resolveValue(props[key]);
    }
    return names;
  }

  return {
    stackName,
    region,
    accountId,
    template,
    assemblyDir,
    physicalId,
    attribute,
    resolve: <T>(value: unknown) => resolveValue(value) as T,
    resourcesOfType: (type) => Object.keys(template.Resources).filter((id) => template.Resources[id]!.Type === type),
  };
}

const NO_VALUE = Symbol('AWS::NoValue');

function serviceOf(type: string): string {
  const service = type.split('::')[1] ?? 'unknown';
  return service.toLowerCase();
}
