import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLogLine, type DecisionTrace } from '../../../../local/apigateway/trace/index.js';
import type { CfnResource } from '../../../../local/template/index.js';
import { amplifyRider, configureAmplify } from '../../support/amplify.js';
import { patchedAssembly, PICKUP, removeAssemblies, startTestCloud, synthFor, type TestCloud } from '../../support/cloud.js';
import { send, signCall, type Credentials } from '../../support/sigv4-client.js';

/**
 * Every request explained, against a started cloud in iam mode (the real
 * stack, plus one AWS_IAM method the riders' role does not allow): the request
 * id headers, the trace of a signed success and of the role's refusal, the
 * access-log line, and GET /_local/requests on the website's origin only.
 */
let t: TestCloud;
let rider: Credentials;

beforeAll(async () => {
  const assembly = patchedAssembly(await synthFor('iam'), (template) => {
    const resources = template.Resources;
    const [, ride] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::ApiGateway::Method' && r.Properties?.HttpMethod === 'POST' && r.Properties?.AuthorizationType === 'AWS_IAM')!;
    const api = (ride.Properties!.RestApiId as { Ref: string }).Ref;
    resources.TraceDispatch = { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: api }, ParentId: { 'Fn::GetAtt': [api, 'RootResourceId'] }, PathPart: 'dispatch' } };
    resources.TraceDispatchGet = { Type: 'AWS::ApiGateway::Method', Properties: { ...ride.Properties, HttpMethod: 'GET', ResourceId: { Ref: 'TraceDispatch' } } } as CfnResource;
    // An explicit Deny in the riders' own policy: GET /rides/{rideId} (the Allow for GET /rides/* stays).
    for (const resource of Object.values(resources)) {
      if (resource.Type !== 'AWS::IAM::Policy') continue;
      const doc = resource.Properties!.PolicyDocument as { Statement: { Effect: string; Action: unknown; Resource: unknown }[] };
      const invoke = doc.Statement.find((st) => st.Action === 'execute-api:Invoke' && Array.isArray(st.Resource));
      const details = (invoke?.Resource as unknown[] | undefined)?.find((r) => JSON.stringify(r).includes('/prod/GET/rides/*'));
      if (details && JSON.stringify(resource.Properties!.Roles).includes('Authenticated')) doc.Statement.push({ Sid: 'NoRideDetails', Effect: 'Deny', Action: 'execute-api:Invoke', Resource: details } as never);
    }
  });
  t = await startTestCloud('iam', assembly);
  configureAmplify(t.out);
  rider = (await amplifyRider(t.out)).credentials!;
});
afterAll(async () => {
  await t?.close();
  removeAssemblies();
});

/** A GET from this machine with the Host header we choose (fetch will not let a test set it). */
function getWithHost(url: string, host: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const traceOf = async (id: string) => (await (await fetch(`${t.cloud.urls.website}/_local/requests/${id}`)).json()) as DecisionTrace;

describe('a signed ride request, explained', () => {
  it('carries both request ids, and its trace names the signed headers, the identity and the statement that allowed it', async () => {
    const r = await send(await signCall(t.out.ApiUrl!, 'ride', rider, { body: JSON.stringify(PICKUP) }));
    expect(r.status).toBe(201);
    const id = r.headers.get('x-amzn-requestid')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('x-amz-apigw-id')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    // The page may read them: the function's CORS headers expose them (lambda/ride/cors.ts).
    expect(r.headers.get('access-control-expose-headers')).toBe('x-amzn-RequestId,x-amz-apigw-id');
    const trace = await traceOf(id);
    expect(trace).toMatchObject({ requestId: id, method: 'POST', path: '/prod/ride', status: 201, authMode: 'iam' });
    expect(trace.who).toMatch(/^us-east-1:[0-9a-f-]+ \(.*AuthenticatedRole.*\)$/i);
    const authorize = trace.checks.find((c) => c.step === 'authorize')!;
    expect(authorize.reason).toMatch(/^signature verified over signed headers [a-z0-9;-]*host[a-z0-9;-]* with access key \S+ \(identity us-east-1:[0-9a-f-]+\); statement \S+ of the role `[^`]+` allowed execute-api:Invoke on arn:aws:execute-api:.*\/prod\/POST\/ride$/);
    // The access-log line npm start prints for it.
    expect(accessLogLine(trace, 'text')).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d POST /prod/ride 201 \\d+ms auth=iam who=us-east-1:\\S+ \\(\\S+\\) id=${id}$`));
    expect(JSON.parse(accessLogLine(trace, 'json'))).toMatchObject({ method: 'POST', path: '/prod/ride', status: 201, authMode: 'iam', requestId: id });
  });

  it("names the role and what it may invoke when its policy does not allow the method; the client gets API Gateway's bare 403", async () => {
    const call = await signCall(t.out.ApiUrl!, 'dispatch', rider, { method: 'GET' });
    const { host: _host, ...headers } = call.headers;
    const res = await fetch(call.url, { method: 'GET', headers });
    const r = { status: res.status, headers: res.headers, text: await res.text() };
    expect(r.status).toBe(403);
    expect(Object.keys(JSON.parse(r.text))).toEqual(['Message']);
    const trace = await traceOf(r.headers.get('x-amzn-requestid')!);
    expect(trace.refusal).toMatchObject({ step: 'authorize', responseType: 'ACCESS_DENIED' });
    expect(trace.refusal!.reason).toMatch(/^the role `[^`]*AuthenticatedRole[^`]*` may invoke only GET \/rides \(stage prod\), GET \/rides\/\* \(stage prod\), POST \/ride \(stage prod\); this request is GET \/dispatch \(stage prod\)$/i);
    expect(r.text).not.toContain('may invoke only');
    expect(accessLogLine(trace, 'text')).toMatch(/ GET \/prod\/dispatch 403 \d+ms auth=iam who=anonymous id=\S+ — 403: the role `.*` may invoke only GET \/rides .*POST \/ride \(stage prod\); this request is GET \/dispatch/);
  });

  it("names the statement of the role's own policy that explicitly denies the method", async () => {
    const call = await signCall(t.out.ApiUrl!, 'rides/abc', rider, { method: 'GET' });
    const { host: _host, ...headers } = call.headers;
    const res = await fetch(call.url, { method: 'GET', headers });
    const text = await res.text();
    expect(res.status).toBe(403);
    expect(JSON.parse(text).Message).toMatch(/is not authorized to perform: execute-api:Invoke on resource: .*\/prod\/GET\/rides\/abc with an explicit deny$/);
    const trace = await traceOf(res.headers.get('x-amzn-requestid')!);
    expect(trace.refusal!.reason).toMatch(/^statement "NoRideDetails" of the role `[^`]*AuthenticatedRole[^`]*` explicitly denies execute-api:Invoke on arn:aws:execute-api:.*\/prod\/GET\/rides\/abc; this request is GET \/rides\/abc \(stage prod\)$/);
    expect(text).not.toContain('NoRideDetails');
  });

  it('an unsigned request: 403 Missing Authentication Token; the trace says a signature is wanted', async () => {
    const r = await fetch(`${t.out.ApiUrl}ride`, { method: 'POST', body: '{}' });
    expect(r.status).toBe(403);
    // A refusal's too: the template's gateway responses expose them (lib/rides.ts), here and in the cloud.
    expect(r.headers.get('access-control-expose-headers')).toBe('x-amzn-RequestId,x-amz-apigw-id');
    const trace = await traceOf(r.headers.get('x-amzn-requestid')!);
    expect(trace.refusal!.reason).toMatch(/^no Authorization header — an AWS_IAM method takes only requests signed with SigV4/);
  });
});

describe('GET /_local/requests', () => {
  it('lists the last requests newest first, on the website origin, for this machine only', async () => {
    const r = await fetch(`${t.cloud.urls.website}/_local/requests`);
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const { requests } = (await r.json()) as { requests: DecisionTrace[] };
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests[0]!.time >= requests.at(-1)!.time).toBe(true);
    expect((await fetch(`${t.cloud.urls.website}/_local/requests/no-such-id`)).status).toBe(404);
  });

  it('refuses a page that reached it by another host name (DNS rebinding), and anything but GET', async () => {
    const url = `${t.cloud.urls.website}/_local/requests`;
    expect((await getWithHost(url, 'evil.example:3000')).status).toBe(403);
    expect((await getWithHost(url, 'localhost:3000')).status).toBe(200);
    expect((await getWithHost(url, '127.0.0.1', 'DELETE')).status).toBe(405);
  });

  it('is no path of the API: there it is still 403 Missing Authentication Token', async () => {
    for (const path of ['/_local/requests', '/prod/_local/requests']) {
      const r = await fetch(`${new URL(t.out.ApiUrl!).origin}${path}`);
      expect(r.status).toBe(403);
      expect(await r.text()).toBe('{"message":"Missing Authentication Token"}');
    }
  });
});
