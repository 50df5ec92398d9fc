import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rider } from './support/run-tool.js';

/**
 * `rides` against GET /rides as its contract says (the route lands on another
 * branch): `GET /rides?limit=&nextToken=` → 200 `{"Rides":[…],"NextToken"?}`.
 * A small HTTP server plays the API, so the CLI's side of the contract is
 * checked here: query, Authorization, paging and the refusals. The stack is a
 * deployed one's outputs, so the session is kept under $XDG_CONFIG_HOME.
 */
const ride = (n: number) => ({
  RideId: `ride-${n}`,
  Unicorn: { Name: ['Bucephalus', 'Shadowfax', 'Rocinante'][n % 3], Color: 'White', Gender: 'Male' },
  UnicornName: ['Bucephalus', 'Shadowfax', 'Rocinante'][n % 3],
  RequestTime: `2026-12-0${n}T10:00:00.000Z`,
  PickupLocation: { Latitude: 47.6 + n, Longitude: -122.3 },
  Rider: 'rider-1',
});

const idToken = [
  Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k' })).toString('base64url'),
  Buffer.from(JSON.stringify({ token_use: 'id', 'cognito:username': 'rider-1', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url'),
  'sig',
].join('.');

let server: Server;
let dir: string;
const seen: { url: string; authorization?: string }[] = [];
let answer: (req: IncomingMessage) => { status: number; body: unknown } = () => ({ status: 500, body: {} });
let savedXdg: string | undefined;

function outputsFile(mode: string): string {
  const { port } = server.address() as { port: number };
  const file = join(dir, `outputs-${mode}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      WildRydes: {
        ApiUrl: `http://127.0.0.1:${port}/prod/`,
        Region: 'us-east-1',
        UserPoolId: 'us-east-1_Contract1',
        UserPoolClientId: 'client1',
        IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000',
        WebsiteUrl: 'https://d111111abcdef8.cloudfront.net',
        AuthMode: mode,
      },
    }),
  );
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wr-rides-'));
  savedXdg = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = join(dir, 'config');
  // The session `sign-in` would have stored for a deployed stack.
  const sessionDir = join(dir, 'config', 'wild-rydes', 'rider');
  mkdirSync(sessionDir, { recursive: true });
  writeFileSync(
    join(sessionDir, 'WildRydes-us-east-1_Contract1.json'),
    JSON.stringify({ username: 'rider-1', userPoolId: 'us-east-1_Contract1', userPoolClientId: 'client1', idToken, accessToken: idToken }),
  );
  server = createServer((req, res) => {
    seen.push({ url: req.url!, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const { status, body } = answer(req);
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-RequestId': 'req-1' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedXdg;
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run rider -- rides (GET /rides contract)', () => {
  it('pages with limit and nextToken, sending the ID token in cognito mode', async () => {
    const O = ['--outputs', outputsFile('cognito')];
    answer = (req) => {
      const url = new URL(req.url!, 'http://x');
      return url.searchParams.get('nextToken') === 'page 2/=' ? { status: 200, body: { Rides: [ride(3)] } } : { status: 200, body: { Rides: [ride(1), ride(2)], NextToken: 'page 2/=' } };
    };
    seen.length = 0;
    const first = await rider('rides', '--limit', '2', ...O);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/2026-12-01T10:00:00.000Z\s+Shadowfax\s+at 48.6, -122.3\s+\(ride-1\)/);
    expect(first.stdout).toMatch(/More: npm run rider -- rides --next-token 'page 2\/=' --limit 2/);
    const second = await rider('rides', '--limit', '2', '--next-token', 'page 2/=', ...O);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\(ride-3\)/);
    expect(second.stdout).not.toMatch(/More:/);
    expect(seen).toEqual([
      { url: '/prod/rides?limit=2', authorization: idToken },
      { url: '/prod/rides?limit=2&nextToken=page+2%2F%3D', authorization: idToken },
    ]);
    const json = await rider('rides', '--json', ...O);
    expect(JSON.parse(json.stdout).Rides).toHaveLength(2);
  });

  it('an empty list says so; none mode sends no Authorization', async () => {
    answer = () => ({ status: 200, body: { Rides: [] } });
    seen.length = 0;
    const r = await rider('rides', '--outputs', outputsFile('none'));
    expect(r.stdout).toBe('No rides yet.\n');
    expect(seen).toEqual([{ url: '/prod/rides' }]);
  });

  it('a refusal: exit 1 with the status, body, request id and what to do', async () => {
    answer = () => ({ status: 401, body: { message: 'The incoming token has expired' } });
    const r = await rider('rides', '--outputs', outputsFile('cognito'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The API answered 401 \{"message":"The incoming token has expired"\} \(request id req-1\)\n  → The ID token expired: sign in again/);
  });

  it('a bad --limit is a usage error, exit 2, before any request', async () => {
    seen.length = 0;
    const r = await rider('rides', '--limit', '0', '--outputs', outputsFile('cognito'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--limit must be a whole number of 1 or more/);
    expect(seen).toEqual([]);
  });
});
