/** What bounds one request: the caller's signal, a total timeout, an idle timeout. */
export interface GuardOptions {
  /** The caller's signal (a cancelled live feed). */
  signal?: AbortSignal | undefined;
  /** Abort after this many ms in all. */
  timeoutMs?: number | undefined;
  /** Abort when no byte arrived for this many ms (heartbeats count as bytes). */
  idleMs?: number | undefined;
}

/** The signal of one request, and the hooks that keep its idle timer honest. */
export interface RequestGuard {
  /** Passed to `fetch`; `undefined` when nothing bounds the request. */
  readonly signal: AbortSignal | undefined;
  /** Something arrived: restart the idle timer. */
  touch(): void;
  /** The request is over: no timer is left behind. */
  done(): void;
}

/**
 * Combines the caller's signal, a total timeout and an idle timeout into one signal. The idle
 * timer is what detects a server that accepted a long-poll and then went silent: with a
 * heartbeat, silence longer than the heartbeat means the connection is dead. `done()` clears
 * both timers and the listener on the caller's signal, which a live feed keeps for its whole
 * life and reuses for every request.
 */
export function requestGuard(opts: GuardOptions): RequestGuard {
  const { signal, timeoutMs, idleMs } = opts;
  if (timeoutMs === undefined && idleMs === undefined) {
    return { signal, touch: () => undefined, done: () => undefined };
  }
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort);
  const total =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(timeoutError(`after ${timeoutMs} ms`)), timeoutMs);
  let idle: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  const touch = (): void => {
    if (finished || idleMs === undefined) return;
    clearTimeout(idle);
    idle = setTimeout(
      () => controller.abort(timeoutError(`no data from the server for ${idleMs} ms`)),
      idleMs,
    );
  };
  touch();
  return {
    signal: controller.signal,
    touch,
    done: () => {
      finished = true;
      clearTimeout(total);
      clearTimeout(idle);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** The abort reason of a timeout: an Error named `TimeoutError`, as `AbortSignal.timeout`'s. */
function timeoutError(detail: string): Error {
  const err = new Error(`request timed out: ${detail}`);
  err.name = 'TimeoutError';
  return err;
}

/**
 * Reads a response body as text, restarting the guard's idle timer on every chunk (a
 * long-poll's heartbeat newlines keep it alive).
 */
export async function readText(res: Response, guard: RequestGuard): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    guard.touch();
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
