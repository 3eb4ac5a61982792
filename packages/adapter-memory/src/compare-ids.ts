// Code-point id order is part of the Engine contract, so core owns it; re-exported here for
// code that imported it from this package.
export { compareIds } from '@satchel/core/engine';
