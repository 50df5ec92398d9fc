import { runInNewContext } from 'node:vm';
import type { PostmanCollection, PostmanEnvironment, PostmanItem } from '../../../../tools/postman/collection.js';
import { signedHeaders } from '../../../../tools/shared/sign-request.js';

export interface ReplayStep {
  name: string;
  status: number;
  body: string;
  /** Names of the pm.test assertions that passed, and failures with their message. */
  passed: string[];
  failed: string[];
}

/**
 * Runs a Postman collection the way Postman's runner does, for what this
 * collection uses: `{{variable}}` substitution from the environment in URL,
 * headers and body; the `awsv4` auth (signed here with @smithy/signature-v4,
 * as Postman signs: the headers it sends, service and region from the auth);
 * and each test script with the `pm` calls the scripts make (pm.test,
 * pm.expect(...).to.equal, pm.response.code/json(), pm.environment.get/set).
 */
export async function replay(collection: PostmanCollection, environment: PostmanEnvironment, overrides: Record<string, string> = {}): Promise<ReplayStep[]> {
  const vars = new Map(environment.values.map((v) => [v.key, v.value]));
  for (const [k, v] of Object.entries(overrides)) vars.set(k, v);
  const sub = (text: string) =>
    text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      if (!vars.has(name)) throw new Error(`the collection uses {{${name}}}, which the environment does not define`);
      return vars.get(name)!;
    });
  const steps: ReplayStep[] = [];
  for (const item of collection.item) {
    const { status, body } = await send(item, sub);
    const step: ReplayStep = { name: item.name, status, body, passed: [], failed: [] };
    const pm = {
      test(name: string, fn: () => void) {
        try {
          fn();
          step.passed.push(name);
        } catch (err) {
          step.failed.push(`${name}: ${(err as Error).message}`);
        }
      },
      expect(actual: unknown) {
        return {
          to: {
            equal(expected: unknown) {
              if (actual !== expected) throw new Error(`expected ${String(expected)}, got ${String(actual)} (${body.slice(0, 200)})`);
            },
          },
        };
      },
      response: { code: status, json: () => JSON.parse(body) },
      environment: { get: (k: string) => vars.get(k), set: (k: string, v: unknown) => void vars.set(k, String(v)) },
    };
    for (const event of item.event ?? []) {
      try {
        runInNewContext(event.script.exec.join('\n'), { pm });
      } catch (err) {
        step.failed.push(`script: ${(err as Error).message}`);
      }
    }
    steps.push(step);
  }
  return steps;
}

async function send(item: PostmanItem, sub: (text: string) => string): Promise<{ status: number; body: string }> {
  const r = item.request;
  const url = new URL(sub(r.url.raw));
  let headers: Record<string, string> = Object.fromEntries(r.header.map((h) => [h.key.toLowerCase(), sub(h.value)]));
  const body = r.body ? sub(r.body.raw) : undefined;
  if (r.auth.type === 'awsv4') {
    const a = Object.fromEntries((r.auth.awsv4 ?? []).map((e) => [e.key, sub(e.value)]));
    headers = await signedHeaders(url, { method: r.method, headers, body }, {
      service: a.service!,
      region: a.region!,
      credentials: { accessKeyId: a.accessKey!, secretAccessKey: a.secretKey!, ...(a.sessionToken ? { sessionToken: a.sessionToken } : {}) },
    });
  }
  const response = await fetch(url, { method: r.method, headers, ...(body !== undefined ? { body } : {}) });
  return { status: response.status, body: await response.text() };
}
