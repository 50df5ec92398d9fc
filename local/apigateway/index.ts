export * from './model.js';
export * from './router.js';
export * from './gateway.js';
export * from './gateway-responses.js';
export * from './gateway-errors.js';
export type { IdentityProvider, IssuedCredentials } from './identity-provider.js';
export { executeApiArn } from './authorizers/iam.js';
