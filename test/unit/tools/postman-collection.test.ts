import { describe, expect, it } from 'vitest';
import { AUTH_MODES } from '../../../lib/auth-mode.js';
import { buildPostman, COLLECTION_SCHEMA } from '../../../tools/postman/collection.js';
import { targetFromOutputs } from '../../../tools/shared/target.js';

const DEPLOYED = {
  ApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/',
  Region: 'eu-west-1',
  UserPoolId: 'eu-west-1_AbC123',
  UserPoolClientId: 'client',
  IdentityPoolId: 'eu-west-1:0000',
  WebsiteUrl: 'https://d1.cloudfront.net',
};

describe.each(AUTH_MODES)('the Postman collection, %s mode', (mode) => {
  const deployed = buildPostman(targetFromOutputs('WildRydes', { ...DEPLOYED, AuthMode: mode }, 'cdk-outputs.json'));
  const local = buildPostman(
    targetFromOutputs('WildRydes', { ...DEPLOYED, ApiUrl: 'http://127.0.0.1:3001/prod/', AuthMode: mode, UserPoolEndpoint: 'http://127.0.0.1:3002', MailboxUrl: 'http://127.0.0.1:3002/_local/mailbox', ApiKey: 'key' }, 'o.json'),
  );

  it('has the v2.1 fields: info with schema and id, items with request method, url, headers, body and auth', () => {
    for (const { collection, environment } of [deployed, local]) {
      expect(collection.info.schema).toBe(COLLECTION_SCHEMA);
      expect(collection.info._postman_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(collection.info.name).toContain(`${mode} mode`);
      for (const item of collection.item) {
        expect(item.name).toMatch(/^\d[ab]?\. /);
        expect(['GET', 'POST']).toContain(item.request.method);
        expect(typeof item.request.url.raw).toBe('string');
        for (const h of item.request.header) expect(Object.keys(h).sort()).toEqual(['key', 'value']);
        if (item.request.body) expect(item.request.body).toMatchObject({ mode: 'raw', options: { raw: { language: 'json' } } });
        expect(['noauth', 'awsv4']).toContain(item.request.auth.type);
        for (const e of item.event ?? []) expect(e).toMatchObject({ listen: 'test', script: { type: 'text/javascript' } });
      }
      expect(environment._postman_variable_scope).toBe('environment');
      for (const v of environment.values) expect(v).toMatchObject({ key: expect.any(String), value: expect.any(String), enabled: true });
    }
  });

  it('uses only variables its environment defines', () => {
    for (const { collection, environment } of [deployed, local]) {
      const defined = new Set(environment.values.map((v) => v.key));
      const used = [...JSON.stringify(collection.item).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
      expect(used.filter((u) => !defined.has(u))).toEqual([]);
    }
  });

  it('signs in with USER_PASSWORD_AUTH (the app client allows it) and protects POST /ride as the mode wants', () => {
    const { collection } = deployed;
    expect(collection.item.find((i) => i.name.includes('Sign in'))!.request.body!.raw).toContain('"AuthFlow": "USER_PASSWORD_AUTH"');
    const ride = collection.item.at(-1)!.request;
    expect(ride.url.raw).toBe('{{apiUrl}}ride');
    const headers = ride.header.map((h) => h.key);
    expect(ride.auth.type).toBe(mode === 'iam' ? 'awsv4' : 'noauth');
    expect(headers.includes('Authorization')).toBe(mode === 'cognito' || mode === 'lambda');
    expect(JSON.parse(ride.body!.raw.replace(/\{\{\w+\}\}/g, '0'))).toEqual({ PickupLocation: { Latitude: 0, Longitude: 0 } });
  });

  it('deployed: the AWS endpoints and a confirm step that waits for the mailed code; local: the mailbox step and the API key', () => {
    const env = Object.fromEntries(deployed.environment.values.map((v) => [v.key, v.value]));
    expect(env.cognitoUrl).toBe('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(env.identityUrl).toBe('https://cognito-identity.eu-west-1.amazonaws.com/');
    expect(deployed.collection.item.map((i) => i.name)).toContain('2. Confirm sign-up (put the mailed code in {{code}} first)');
    expect(local.collection.item.map((i) => i.name)).toContain('2a. Read the code (local mailbox)');
    expect(local.collection.item.at(-1)!.request.header).toContainEqual({ key: 'x-api-key', value: '{{apiKey}}' });
    expect(local.environment.values.find((v) => v.key === 'apiKey')).toMatchObject({ value: 'key', type: 'secret' });
  });
});
