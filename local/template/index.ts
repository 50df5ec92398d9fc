export * from './types.js';
export * from './errors.js';
export * from './assembly.js';
export * from './local-stack.js';
export { physicalIdFor } from './physical-ids.js';
