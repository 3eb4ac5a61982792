/**
 * Turns results from Satchel and from pouchdb@9 into comparable plain JSON: errors become
 * {status, name, message, reason?}, orders PouchDB leaves unspecified are sorted, and
 * undefined fields disappear.
 */

/** A settled call: its value, its normalised error, or that it never answered. */
export type Outcome = { value: unknown } | { error: NormalError } | { hang: string };

/**
 * How long a call may take before it counts as hung. A first call may load code on first use
 * (through vitest's transform, about 0.2 s idle): CI's loaded machine took over 5 s for one.
 */
const HANG_MS = 20_000;

/** What an error is compared by. */
export interface NormalError {
  status?: number;
  name?: string;
  message?: string;
  reason?: string;
}

/** True for PouchDB/Satchel errors and plain Errors. */
function isErrorLike(x: unknown): x is Record<string, unknown> {
  if (x instanceof Error) return true;
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return r.error === true && typeof r.status === 'number' && typeof r.name === 'string';
}

/**
 * Debugging aid only, to look past a known divergence for the next one (never set in CI):
 * `SATCHEL_DIFF_EXPLORE=reason` leaves error reasons out of comparisons; `dup-bulk-ids` lets one
 * bulkDocs name an id twice (see ops.ts).
 */
export const EXPLORE = new Set((process.env.SATCHEL_DIFF_EXPLORE ?? '').split(',').filter(Boolean));

/** An error as compared. Plain Errors keep their class name as `name`. */
export function normaliseError(err: unknown): NormalError {
  if (typeof err !== 'object' || err === null) return { message: String(err) };
  const e = err as Record<string, unknown>;
  const out: NormalError = {};
  if (typeof e.status === 'number') out.status = e.status;
  if (typeof e.name === 'string') out.name = e.name;
  if (e.message !== undefined) out.message = String(e.message);
  if (typeof e.reason === 'string' && !EXPLORE.has('reason')) out.reason = e.reason;
  return out;
}

/** Deep copy with errors normalised (keeping a bulkDocs row's `id`) and undefined dropped. */
export function normaliseValue(x: unknown): unknown {
  if (isErrorLike(x)) {
    const e = x as Record<string, unknown>;
    const base: Record<string, unknown> = { ...normaliseError(x) };
    if (typeof e.id === 'string') base.id = e.id;
    return base;
  }
  if (Array.isArray(x)) return x.map(normaliseValue);
  if (typeof x === 'object' && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      if (v !== undefined) out[k] = normaliseValue(v);
    }
    return out;
  }
  return x;
}

/** Sorts the elements of an open_revs answer (its order is unspecified). */
export function sortOpenRevs(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const key = (r: unknown): string => JSON.stringify(r);
  return [...value].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Runs a call and captures its outcome, normalised. */
export async function settle(
  call: () => PromiseLike<unknown>,
  post: (v: unknown) => unknown = (v) => v,
): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ hang: `no answer within ${HANG_MS} ms` }), HANG_MS);
  });
  try {
    return await Promise.race([capture(call, post), hung]);
  } finally {
    clearTimeout(timer);
  }
}

async function capture(
  call: () => PromiseLike<unknown>,
  post: (v: unknown) => unknown,
): Promise<Outcome> {
  try {
    // Through JSON: both libraries promise JSON documents (a -0 is covered by the adapter suite).
    return { value: post(JSON.parse(JSON.stringify(normaliseValue(await call()) ?? null))) };
  } catch (err) {
    return { error: normaliseError(err) };
  }
}
