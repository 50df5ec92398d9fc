import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeApiArn } from '../../local/apigateway/index.js';
import { createCognitoAuthorizer } from '../../local/apigateway/authorizers/cognito.js';
import { authorizeIam } from '../../local/apigateway/authorizers/iam.js';
import type { IdentityProvider, IssuedCredentials } from '../../local/apigateway/identity-provider.js';
import { synthesize } from '../../local/synth.js';
import { createLocalStack, readStack } from '../../local/template/index.js';
import { signCall } from '../local/support/sigv4-client.js';

/**
 * What each authorizer costs on its own, per request, in the same code the
 * local API Gateway runs: a Cognito ID token verified (RS256, claims), and a
 * SigV4 request verified and its role's policies from the real template
 * evaluated. Measured in-process, so the figure is free of network noise.
 */
export async function authorizerCosts(iterations = 5000): Promise<{ cognito: number; iam: number }> {
  const outdir = mkdtempSync(join(tmpdir(), 'wr-bench-authz-'));
  try {
    const { assemblyDir } = await synthesize({ authMode: 'iam', outdir });
    const synthesized = readStack(assemblyDir);
    const stack = createLocalStack(synthesized);
    const userPoolId = stack.physicalId(stack.resourcesOfType('AWS::Cognito::UserPool')[0]!);
    const roleArn = stack.attribute(stack.resourcesOfType('AWS::IAM::Role').find((id) => /Authenticated/.test(id))!, 'Arn');
    const apiId = stack.physicalId(stack.resourcesOfType('AWS::ApiGateway::RestApi')[0]!);

    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'bench', alg: 'RS256', use: 'sig' };
    const credentials: IssuedCredentials = {
      accessKeyId: 'ASIABENCHMARK0000001',
      secretAccessKey: randomUUID(),
      sessionToken: randomUUID().repeat(8),
      expiration: new Date(Date.now() + 3_600_000),
      identityId: `${stack.region}:${randomUUID()}`,
      identityPoolId: stack.physicalId(stack.resourcesOfType('AWS::Cognito::IdentityPool')[0]!),
      roleArn,
      assumedRoleArn: roleArn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/') + '/CognitoIdentityCredentials',
      authenticationProvider: `cognito-idp.${stack.region}.amazonaws.com/${userPoolId}`,
    };
    const provider: IdentityProvider = { jwks: () => ({ keys: [jwk] }), lookupCredentials: (id) => (id === credentials.accessKeyId ? credentials : undefined) };

    const now = Math.floor(Date.now() / 1000);
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const signedPart = `${part({ kid: 'bench', alg: 'RS256' })}.${part({
      sub: randomUUID(),
      'cognito:username': 'bench',
      email: 'bench@example.com',
      email_verified: true,
      token_use: 'id',
      aud: 'client',
      iss: `https://cognito-idp.${stack.region}.amazonaws.com/${userPoolId}`,
      auth_time: now,
      iat: now,
      exp: now + 3600,
      jti: randomUUID(),
      origin_jti: randomUUID(),
    })}`;
    const token = `${signedPart}.${createSign('RSA-SHA256').update(signedPart).sign(privateKey).toString('base64url')}`;
    const cognito = createCognitoAuthorizer({ logicalId: 'A', id: 'a', name: 'A', type: 'COGNITO_USER_POOLS', userPoolIds: [userPoolId], identityHeader: 'authorization' }, provider, []);

    const body = JSON.stringify({ PickupLocation: { Latitude: 47.6, Longitude: -122.3 } });
    const call = await signCall('http://127.0.0.1:3001/prod/', 'ride', credentials, { body });
    const request = { method: 'POST', rawPath: '/prod/ride', rawQuery: '', rawHeaders: Object.entries(call.headers).flat(), body: Buffer.from(body) };
    const resourceArn = executeApiArn(stack, apiId, 'prod', 'POST', '/ride');

    if (!(await cognito(token)).ok) throw new Error('the benchmark token was refused');
    if (!authorizeIam({ stack, provider, request, now: new Date(), resourceArn }).ok) throw new Error('the benchmark signature was refused');

    const time = async (fn: () => unknown) => {
      const start = performance.now();
      for (let i = 0; i < iterations; i++) await fn();
      return ((performance.now() - start) * 1000) / iterations;
    };
    return {
      cognito: await time(() => cognito(token)),
      iam: await time(() => authorizeIam({ stack, provider, request, now: new Date(), resourceArn })),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
