import { createHash } from 'node:crypto';

/** `{c: {c: … {leaf: true} …}}`, `depth` levels deep, built without recursion. */
export function nestedObject(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { c: value };
  return value;
}

/** `[[[ … [1] … ]]]`, `depth` levels deep. */
export function nestedArray(depth: number): unknown[] {
  let value: unknown[] = [1];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** The JSON text of {@link nestedObject}, without JSON.stringify (which overflows at 10k). */
export function nestedObjectJson(depth: number): string {
  return `${'{"c":'.repeat(depth)}{"leaf":true}${'}'.repeat(depth)}`;
}

/** The JSON text of {@link nestedArray}. */
export function nestedArrayJson(depth: number): string {
  return `${'['.repeat(depth)}[1]${']'.repeat(depth)}`;
}

/** How deep `{c: …}` goes and whether it ends in `{leaf: true}`; iterative. */
export function objectDepth(value: unknown): { depth: number; leaf: boolean } {
  let depth = 0;
  let node = value as Record<string, unknown>;
  while (node && typeof node === 'object' && 'c' in node) {
    node = node.c as Record<string, unknown>;
    depth++;
  }
  return { depth, leaf: Boolean(node && node.leaf === true && Object.keys(node).length === 1) };
}

/** How deep `[[…]]` goes and whether it ends in `[1]`; iterative. */
export function arrayDepth(value: unknown): { depth: number; leaf: boolean } {
  let depth = 0;
  let node = value as unknown[];
  while (Array.isArray(node) && node.length === 1 && Array.isArray(node[0])) {
    node = node[0] as unknown[];
    depth++;
  }
  return { depth, leaf: Array.isArray(node) && node.length === 1 && node[0] === 1 };
}

/** PouchDB's deterministic revision: md5 (hex) of the JSON text, fed to md5 as latin1. */
export function pouchRevHash(json: string): string {
  return createHash('md5').update(json, 'latin1').digest('hex');
}
