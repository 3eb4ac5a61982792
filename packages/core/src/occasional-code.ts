export * from './satchel/occasional-methods.js';
export * from './local-adapter/occasional-ops.js';
