import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_TILE_URL, loadConfig, parseConfig } from './config';

const valid = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_AbC123xyz',
  userPoolClientId: 'client123',
  identityPoolId: 'us-east-1:0f0e0d0c-0000-4000-8000-000000000001',
  apiUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/',
  authMode: 'cognito',
};

function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected parseConfig to throw');
}

describe('parseConfig', () => {
  it('accepts a deployed config and fills the defaults', () => {
    const config = parseConfig(valid);
    expect(config).toMatchObject({ ...valid, tileUrl: DEFAULT_TILE_URL, demoSpeed: 1 });
    expect(config.userPoolEndpoint).toBeUndefined();
  });

  it('keeps the local-only endpoints, an empty tile URL and the demo speed', () => {
    const config = parseConfig({
      ...valid,
      authMode: 'iam',
      userPoolEndpoint: 'http://127.0.0.1:4001',
      identityPoolEndpoint: 'http://127.0.0.1:4001',
      mailboxUrl: 'http://127.0.0.1:4001/_local/mailbox',
      tileUrl: '',
      demoSpeed: 10,
    });
    expect(config.authMode).toBe('iam');
    expect(config.userPoolEndpoint).toBe('http://127.0.0.1:4001');
    expect(config.mailboxUrl).toBe('http://127.0.0.1:4001/_local/mailbox');
    expect(config.tileUrl).toBe('');
    expect(config.demoSpeed).toBe(10);
  });

  it('lists every missing field at once', () => {
    const problems = problemsOf({ region: 'us-east-1' });
    expect(problems).toEqual(
      expect.arrayContaining(['"userPoolId" is missing.', '"userPoolClientId" is missing.', '"apiUrl" is missing.', '"authMode" is missing.']),
    );
  });

  it.each([
    [{ authMode: 'jwt' }, /"authMode" must be one of none, cognito, iam, lambda/],
    [{ apiUrl: 'https://abc.example/prod' }, /must end with "\/"/],
    [{ apiUrl: 'ftp://x/' }, /not an http\(s\) URL/],
    [{ userPoolId: 'AbC123' }, /userPoolId/],
    [{ identityPoolId: 'no-colon' }, /identityPoolId/],
    [{ region: 'Virginia' }, /region/],
    [{ demoSpeed: 0 }, /demoSpeed/],
    [{ demoSpeed: '10' }, /demoSpeed/],
    [{ userPoolClientId: 42 }, /"userPoolClientId" must be a string/],
    [{ userPoolEndpoint: 'localhost:4000' }, /userPoolEndpoint/],
  ])('rejects %j', (patch, message) => {
    expect(problemsOf({ ...valid, ...patch }).join(' ')).toMatch(message);
  });

  it('rejects something that is not an object', () => {
    expect(() => parseConfig([1, 2])).toThrow(ConfigError);
    expect(() => parseConfig(null)).toThrow(/not a JSON object/);
  });
});

describe('loadConfig', () => {
  const respond = (body: string, status = 200) => (async () => new Response(body, { status })) as unknown as typeof fetch;

  it('fetches and validates', async () => {
    await expect(loadConfig(respond(JSON.stringify(valid)))).resolves.toMatchObject({ authMode: 'cognito' });
  });

  it('explains a missing file', async () => {
    await expect(loadConfig(respond('not found', 404))).rejects.toThrow(/HTTP 404/);
  });

  it('explains a file that is not JSON (e.g. index.html served instead)', async () => {
    await expect(loadConfig(respond('<!doctype html>'))).rejects.toThrow(/not valid JSON/);
  });

  it('explains a network failure', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(loadConfig(failing)).rejects.toThrow(/Could not fetch \/config.json: Failed to fetch/);
  });
});
