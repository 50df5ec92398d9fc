// Offline JWKS for the functions of the local cloud. A function that verifies
// Cognito tokens (aws-jwt-verify) fetches the pool's public keys from
//   https://cognito-idp.REGION.amazonaws.com/POOL/.well-known/jwks.json
// Here that one kind of request, and nothing else, is sent to the local
// Cognito, which serves the same document at /POOL/.well-known/jwks.json.
// The function's code is the deployed code: no variable of its environment
// and no branch of its own knows about this. The redirect is installed on the
// `https` module before the function loads, and `syncBuiltinESMExports` makes
// an ES module's `import { request } from 'https'` see it too.
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

const COGNITO_JWKS = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com(\/[^/?#]+\/\.well-known\/jwks\.json)$/;

function urlOf(input) {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return undefined;
}

export function redirectJwks(cognitoEndpoint) {
  const base = new URL(cognitoEndpoint);
  for (const name of ['request', 'get']) {
    const original = https[name];
    https[name] = function redirected(input, ...rest) {
      const match = COGNITO_JWKS.exec(urlOf(input) ?? '');
      if (!match) return original.call(https, input, ...rest);
      const local = new URL(match[1], base);
      // The local Cognito listens on plain HTTP: the request goes to it by the http module, with the caller's options and callback.
      const options = typeof rest[0] === 'object' && rest[0] !== null ? { ...rest[0] } : {};
      delete options.agent;
      const callback = rest.find((arg) => typeof arg === 'function');
      return http[name](local, options, callback);
    };
  }
  syncBuiltinESMExports();
}
