/** The part of Node's `vm` module the sandbox uses. */
export interface VmModule {
  createContext(sandbox: object): object;
  runInContext(code: string, context: object, options?: { timeout?: number }): unknown;
  /** Code compiled once, to run in any context. */
  Script: new (
    code: string,
  ) => { runInContext(context: object, options?: { timeout?: number }): unknown };
}

/**
 * The helpers PouchDB puts in scope, written as source for the sandbox (no host function may
 * enter it: any of them would lead back to the host's globals). `sum` throws a plain object on
 * non-numbers, as PouchDB's in-VM `sum` does.
 */
export const SANDBOX_PRELUDE = `"use strict";
var log = function () {};
var isArray = Array.isArray;
var toJSON = JSON.parse;
var sum = function (values) {
  var result = 0;
  for (var i = 0; i < values.length; i++) {
    var num = values[i];
    if (typeof num === 'number') {
      if (typeof result === 'number') { result += num; } else { result[0] += num; }
    } else if (Array.isArray(num)) {
      result = typeof result === 'number' ? [result] : result;
      for (var j = 0; j < num.length; j++) {
        if (typeof num[j] !== 'number') { throw { builtInError: true, name: '_sum' }; }
        if (result[j] === undefined) { result.push(num[j]); } else { result[j] += num[j]; }
      }
    } else {
      throw { builtInError: true, name: '_sum' };
    }
  }
  return result;
};
var __emits = [];
var emit = function (key, value) { __emits.push([key, value]); };
var __parse = function (json) { return json === undefined ? undefined : JSON.parse(json); };`;

/** Node's `vm` module when running on Node (a browser has none: functions run in the page). */
function nodeVm(): VmModule | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:vm') as VmModule | undefined;
}

/** Node's `vm`, or undefined in a browser. */
export const vm = nodeVm();
