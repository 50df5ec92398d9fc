import { describe, expect, it } from 'vitest';
import { DamagedAdminCredentialsError } from '../../../local/admin-credentials.js';
import { CognitoStateVersionError } from '../../../local/cognito/record-store.js';
import { CognitoError, NotAuthorizedException } from '../../../local/cognito/errors.js';
import { DataDirInUseError } from '../../../local/data-lock.js';
import { describeStartFailure, LocalCloudError, UsageError } from '../../../local/errors.js';
import { PortInUseError } from '../../../local/http/listen.js';
import { FunctionInitError } from '../../../local/lambda/instance.js';
import { MissingOutputError } from '../../../local/outputs.js';
import { AssemblyNotFoundError, TemplateError } from '../../../local/template/errors.js';
import { WebsiteBuildError } from '../../../local/website-build.js';
import { GatewayResponseError, UnauthorizedError } from '../../../local/apigateway/gateway-errors.js';
import { InvalidSignatureError, SigV4Error } from '../../../local/sigv4/errors.js';
import { DynamoAuthError } from '../../../local/dynamodb/errors.js';

describe('LocalCloudError: what the person starting the local cloud sees and fixes', () => {
  const known: [Error, string][] = [
    [new TemplateError('t'), 'TemplateError'],
    [new AssemblyNotFoundError('a'), 'AssemblyNotFoundError'],
    [new PortInUseError('127.0.0.1', 3001, '--port-api'), 'PortInUseError'],
    [new DataDirInUseError('d'), 'DataDirInUseError'],
    [new WebsiteBuildError('w'), 'WebsiteBuildError'],
    [new MissingOutputError('m'), 'MissingOutputError'],
    [new UsageError('u'), 'UsageError'],
    [new DamagedAdminCredentialsError('c'), 'DamagedAdminCredentialsError'],
    [new CognitoStateVersionError('s'), 'CognitoStateVersionError'],
    [new FunctionInitError('Runtime.ImportModuleError', 'f'), 'FunctionInitError'],
  ];

  it.each(known)('%s is a LocalCloudError named %s', (err, name) => {
    expect(err).toBeInstanceOf(LocalCloudError);
    expect(err.name).toBe(name);
  });

  it('keeps the wire errors (protocol answers, not start failures) on their own bases', () => {
    const wire: Error[] = [new NotAuthorizedException('Incorrect username or password.'), new InvalidSignatureError('bad signature'), new UnauthorizedError(), new DynamoAuthError('UnrecognizedClientException', 'x')];
    for (const err of wire) expect(err).not.toBeInstanceOf(LocalCloudError);
    expect(wire[0]).toBeInstanceOf(CognitoError);
    expect(wire[1]).toBeInstanceOf(SigV4Error);
    expect(wire[2]).toBeInstanceOf(GatewayResponseError);
  });

  it('is described by its message alone; any other error by its stack, even one named like a known error', () => {
    const port = new PortInUseError('127.0.0.1', 3001, '--port-api');
    expect(describeStartFailure(port)).toBe(port.message);
    const lookalike = Object.assign(new Error('a bug'), { name: 'PortInUseError' });
    expect(describeStartFailure(lookalike)).toBe(lookalike.stack);
    expect(describeStartFailure(lookalike)).toMatch(/\n\s+at /);
    expect(describeStartFailure('a string')).toBe('a string');
  });
});
