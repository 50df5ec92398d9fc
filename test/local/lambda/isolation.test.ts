import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiModels, createGateway } from '../../../local/apigateway/index.js';
import { createLambdaRunner, type LambdaRunner } from '../../../local/lambda/runner.js';
import { createLocalStack, type CfnResource, type CfnTemplate } from '../../../local/template/index.js';
import { readResponse } from '../../support/read-response.js';

/**
 * What a function can reach of the machine it runs on: the host's environment,
 * the local cloud's own process, more memory than its MemorySize, payloads over
 * Lambda's limits. Each function here tries, on purpose, through the gateway.
 */
const CANARY = 'wr-host-canary-7f3a';
process.env.WR_HOST_CANARY = CANARY;

const FUNCTIONS: Record<string, { code: string; memory?: number; timeout?: number }> = {
  Environ: {
    code: `import { readFileSync } from 'node:fs';
      const read = (p) => { try { return readFileSync(p, 'utf8'); } catch (err) { return 'unreadable: ' + err.code; } };
      export const handler = async () => ({ statusCode: 200, body: JSON.stringify({
        environ: read('/proc/self/environ').split('\\0').filter(Boolean),
        env: { ...process.env },
        parentEnviron: read('/proc/' + process.ppid + '/environ'),
      }) });`,
  },
  Killer: {
    code: `let calls = 0;
      export const handler = async (event) => {
        calls += 1;
        const how = event.queryStringParameters?.how;
        if (how === 'sigkill') process.kill(process.pid, 'SIGKILL');
        if (how === 'exit') process.exit(3);
        if (how === 'parent') { try { process.kill(process.ppid, 'SIGTERM'); } catch (err) { return { statusCode: 200, body: 'refused: ' + err.code }; } }
        if (how === 'group') { try { process.kill(0, 'SIGTERM'); } catch (err) { return { statusCode: 200, body: 'refused: ' + err.code }; } }
        await new Promise((r) => setTimeout(r, 200));
        return { statusCode: 200, body: String(calls) };
      };`,
  },
  Hog: {
    memory: 128,
    timeout: 20,
    code: `let calls = 0;
      export const handler = async (event) => {
        calls += 1;
        const kept = [];
        if (event.queryStringParameters?.kind === 'heap') {
          for (let i = 0; i < 600; i++) kept.push(Array.from({ length: 1024 * 128 / 8 }, (_, j) => ({ i, j })));
        } else if (event.queryStringParameters?.kind === 'buffer') {
          for (let i = 0; i < 60; i++) { kept.push(Buffer.alloc(10 * 1024 * 1024, 1)); await new Promise((r) => setImmediate(r)); }
        }
        return { statusCode: 200, body: JSON.stringify({ calls, kept: kept.length }) };
      };`,
  },
  Echo: {
    code: `export const handler = async (event) => ({ statusCode: 200, body: String(event.body?.length ?? 0) });`,
  },
  Big: {
    code: `export const handler = async (event) => ({ statusCode: 200, body: 'x'.repeat(Number(event.queryStringParameters?.size)) });`,
  },
};

function buildTemplate(): CfnTemplate {
  const resources: Record<string, CfnResource> = {
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'isolation-test' } },
    Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'v1' } },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [], AttributeDefinitions: [] } },
  };
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    resources[name] = {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'aws:asset:path': `asset.${name}` },
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Timeout: fn.timeout ?? 5,
        ...(fn.memory ? { MemorySize: fn.memory } : {}),
        Environment: { Variables: { TABLE: { Ref: 'Table' }, FROM_TEMPLATE: 'yes' } },
      },
    };
    resources[`${name}Resource`] = {
      Type: 'AWS::ApiGateway::Resource',
      Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: name.toLowerCase() },
    };
    resources[`${name}Method`] = {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResourceId: { Ref: `${name}Resource` },
        HttpMethod: 'POST',
        AuthorizationType: 'NONE',
        Integration: {
          Type: 'AWS_PROXY',
          IntegrationHttpMethod: 'POST',
          Uri: { 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [name, 'Arn'] }, '/invocations']] },
        },
      },
    };
  }
  return { Resources: resources };
}

/** Everything a function may see: Lambda's own variables, the template's, and what the local cloud adds. */
const LAMBDA_VARIABLES = [
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_EXECUTION_ENV',
  'LAMBDA_TASK_ROOT',
  'AWS_EC2_METADATA_DISABLED',
];
const TEMPLATE_VARIABLES = ['TABLE', 'FROM_TEMPLATE'];
const LOCAL_VARIABLES = ['AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'LOCAL_FUNCTION_ID'];
const ALLOWED = new Set([...LAMBDA_VARIABLES, ...TEMPLATE_VARIABLES, ...LOCAL_VARIABLES]);

let assemblyDir: string;
let server: Server;
let runner: LambdaRunner;
let base: string;
const logLines: string[] = [];

beforeAll(async () => {
  assemblyDir = mkdtempSync(join(tmpdir(), 'wr-isolation-test-'));
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    mkdirSync(join(assemblyDir, `asset.${name}`));
    writeFileSync(join(assemblyDir, `asset.${name}`, 'index.mjs'), fn.code);
  }
  const stack = createLocalStack({ stackName: 'IsolationTest', template: buildTemplate(), assemblyDir });
  runner = createLambdaRunner({
    stack,
    // Per function, as the local cloud hands each function its own credentials.
    localEnvironment: (logicalId) => ({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: `ASIA${logicalId.toUpperCase()}`,
      AWS_SECRET_ACCESS_KEY: 'local-secret',
      AWS_SESSION_TOKEN: 'local-token',
      LOCAL_FUNCTION_ID: logicalId,
    }),
    log: (l) => logLines.push(l),
  });
  const gateway = createGateway({
    stack,
    api: buildApiModels(stack)[0]!,
    provider: { jwks: () => ({ keys: [] }), lookupCredentials: () => undefined },
    invoker: runner,
    log: (l) => logLines.push(l),
  });
  server = createServer((req, res) => void gateway(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await runner?.close();
  await new Promise((r) => server?.close(r));
  rmSync(assemblyDir, { recursive: true, force: true });
});

async function call(path: string, body: string = '{}') {
  return readResponse(await fetch(`${base}${path}`, { method: 'POST', body }));
}

describe("a function's environment", () => {
  it('holds only the template’s variables, Lambda’s own and the local ones: nothing of the host, not even in /proc/self/environ', async () => {
    const r = await call('/environ');
    expect(r.status).toBe(200);
    const { environ, env } = r.json as { environ: string[]; env: Record<string, string> };
    expect(r.text).not.toContain(CANARY);
    const environNames = environ.map((entry) => entry.slice(0, entry.indexOf('=')));
    expect(environNames.filter((n) => !ALLOWED.has(n))).toEqual([]);
    expect(Object.keys(env).filter((n) => !ALLOWED.has(n))).toEqual([]);
    expect(env).toMatchObject({ FROM_TEMPLATE: 'yes', LOCAL_FUNCTION_ID: 'Environ', AWS_ACCESS_KEY_ID: 'ASIAENVIRON', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128' });
    expect(env.TABLE).toMatch(/^IsolationTest-Table-/);
  });

  it('cannot read the local cloud’s environment through /proc when the cloud runs as root; without root, the cloud says so', async () => {
    const r = await call('/environ');
    if (process.getuid?.() === 0) {
      // The function runs as another user: the kernel refuses /proc/<ppid>/environ.
      expect(r.json.parentEnviron).toBe('unreadable: EACCES');
      expect(r.text).not.toContain(CANARY);
    } else {
      // Same user: nothing can stop it, and the README and this warning say so.
      expect(logLines.some((l) => l.includes('functions run as this user'))).toBe(true);
    }
  });
});

describe('a function that tries to stop the local cloud', () => {
  it.each(['sigkill', 'exit'])('%s: fails that one request (502) and the next one runs in a fresh environment', async (how) => {
    const warm = await call('/killer');
    expect(warm.status).toBe(200);
    const r = await call(`/killer?how=${how}`);
    expect(r.status).toBe(502);
    expect(r.json).toEqual({ message: 'Internal server error' });
    const after = await call('/killer');
    expect(after.status).toBe(200);
    expect(after.text).toBe('1'); // a new environment: module state starts over
    expect(logLines.some((l) => l.includes('Runtime exited'))).toBe(true);
  });

  it('cannot signal the local cloud’s process or its process group', async () => {
    for (const how of ['group', ...(process.getuid?.() === 0 ? ['parent'] : [])]) {
      const r = await call(`/killer?how=${how}`);
      if (how === 'group') expect(r.status).toBe(502); // its own process group holds only itself: it ended itself
      else expect(r.text).toBe('refused: EPERM'); // the local cloud is another user's process
      expect((await call('/echo', 'still here')).text).toBe('10');
    }
  });
});

describe('a function held to its MemorySize (128 MB)', () => {
  it.each(['heap', 'buffer'])('allocating 600 MB (%s) ends that environment like Lambda does: 502, and the cloud serves on', async (kind) => {
    const r = await call(`/hog?kind=${kind}`);
    expect(r.status).toBe(502);
    expect(r.json).toEqual({ message: 'Internal server error' });
    expect(logLines.some((l) => /Runtime\.(OutOfMemory|ExitError).*Runtime exited with error: signal: (killed|aborted)/.test(l))).toBe(true);
    const after = await call('/hog');
    expect(after.status).toBe(200);
    expect(after.json).toEqual({ calls: 1, kept: 0 });
  });
});

describe("Lambda's 6 MB limit on synchronous invocations", () => {
  it('an event over 6 MB is refused before the function runs: 413 "Request Too Long", as API Gateway answers a Lambda RequestEntityTooLargeException', async () => {
    const before = runner.invocations().Echo ?? 0;
    const r = await call('/echo', 'a'.repeat(6 * 1024 * 1024));
    expect(r.status).toBe(413);
    expect(r.json).toEqual({ message: 'Request Too Long' });
    expect(logLines.some((l) => l.includes('RequestEntityTooLargeException'))).toBe(true);
    // A body well under the limit still reaches the function.
    expect((await call('/echo', 'a'.repeat(5 * 1024 * 1024))).text).toBe(String(5 * 1024 * 1024));
    expect(runner.invocations().Echo).toBe(before + 1); // the refused call never reached the function
  });

  it('a response over 6 MB is a function error (Function.ResponseSizeTooLarge), so the gateway answers 502', async () => {
    const r = await call('/big?size=7000000');
    expect(r.status).toBe(502);
    expect(logLines.some((l) => l.includes('Response payload size exceeded maximum allowed payload size (6291556 bytes)'))).toBe(true);
    const ok = await call('/big?size=6000000');
    expect(ok.status).toBe(200);
    expect(ok.text.length).toBe(6000000);
  });
});
