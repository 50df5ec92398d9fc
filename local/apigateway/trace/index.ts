export * from './decision-trace.js';
export * from './trace-store.js';
export * from './access-log.js';
export * from './trace-routes.js';
