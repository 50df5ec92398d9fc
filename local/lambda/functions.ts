import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateError, type LocalStack } from '../template/index.js';

/** What it takes to run one AWS::Lambda::Function of the template locally. */
export interface FunctionDefinition {
  logicalId: string;
  name: string;
  arn: string;
  handler: string;
  runtime: string;
  assetDir: string;
  timeoutMs: number;
  memoryMb: number;
  environment: Record<string, string>;
  /**
   * The local Cognito's URL: the runtime sends the functions' HTTPS requests for a
   * user pool's keys (`https://cognito-idp.REGION.amazonaws.com/POOL/.well-known/jwks.json`)
   * there instead (runtime/jwks-redirect.mjs). Not in the function's environment.
   */
  cognitoEndpoint?: string;
}

/** What the local cloud adds to a function's environment: the same for all, or per function (logical id). */
export type LocalEnvironment = Record<string, string> | ((logicalId: string) => Record<string, string>);

interface AssetManifest {
  files?: Record<string, { source?: { path?: string; packaging?: string }; destinations?: Record<string, { objectKey?: string }> }>;
}

/** The folder of a function's code in the cloud assembly: from its asset metadata, else from the assets manifest by S3 key. */
function assetDirOf(stack: LocalStack, logicalId: string): string {
  const resource = stack.template.Resources[logicalId]!;
  const metaPath = resource.Metadata?.['aws:asset:path'];
  if (typeof metaPath === 'string') {
    const dir = join(stack.assemblyDir, metaPath);
    if (existsSync(dir)) return dir;
  }
  const key = stack.resolve<string | undefined>(resource.Properties?.Code?.S3Key);
  const manifestPath = join(stack.assemblyDir, `${stack.stackName}.assets.json`);
  if (key && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as AssetManifest;
    for (const file of Object.values(manifest.files ?? {})) {
      const matches = Object.values(file.destinations ?? {}).some((d) => d.objectKey === key);
      if (matches && file.source?.path) return join(stack.assemblyDir, file.source.path);
    }
  }
  throw new TemplateError(`Function ${logicalId} has no code asset in ${stack.assemblyDir}; was the stack synthesized with bundling?`);
}

/**
 * Reads a function from the template. Its environment is the template's,
 * with references resolved to local names, plus what the Lambda service sets
 * and the local endpoints: nothing of this machine's own environment leaks in.
 */
export function readFunction(stack: LocalStack, logicalId: string, localEnvironment: LocalEnvironment): FunctionDefinition {
  const resource = stack.template.Resources[logicalId];
  if (!resource || resource.Type !== 'AWS::Lambda::Function') throw new TemplateError(`${logicalId} is not a Lambda function of the template`);
  const props = resource.Properties ?? {};
  const runtime = String(props.Runtime ?? '');
  if (!runtime.startsWith('nodejs')) throw new TemplateError(`Function ${logicalId} runs ${runtime || 'an unknown runtime'}; the local cloud runs Node.js functions`);
  const name = stack.physicalId(logicalId);
  const memoryMb = Number(props.MemorySize ?? 128);
  const templateEnv = stack.resolve<Record<string, unknown>>(props.Environment?.Variables ?? {});
  const environment: Record<string, string> = {
    AWS_REGION: stack.region,
    AWS_DEFAULT_REGION: stack.region,
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
    AWS_EXECUTION_ENV: `AWS_Lambda_${runtime}`,
    LAMBDA_TASK_ROOT: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...Object.fromEntries(Object.entries(templateEnv).map(([k, v]) => [k, String(v)])),
    ...(typeof localEnvironment === 'function' ? localEnvironment(logicalId) : localEnvironment),
  };
  const assetDir = assetDirOf(stack, logicalId);
  environment.LAMBDA_TASK_ROOT = assetDir;
  return {
    logicalId,
    name,
    arn: stack.attribute(logicalId, 'Arn'),
    handler: String(props.Handler ?? 'index.handler'),
    runtime,
    assetDir,
    timeoutMs: Number(props.Timeout ?? 3) * 1000,
    memoryMb,
    environment,
  };
}
