export * from './policy.js';
export * from './role-policies.js';
export * from './conditions.js';
export * from './explain.js';
export * from './variables.js';
