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
 * heartbeat, silence longer than the heartbeat means the connection is dead.
 */
export function requestGuard(opts: GuardOptions): RequestGuard {
  const signals: AbortSignal[] = [];
  if (opts.signal) signals.push(opts.signal);
  if (opts.timeoutMs !== undefined) signals.push(AbortSignal.timeout(opts.timeoutMs));
  const idleMs = opts.idleMs;
  if (idleMs === undefined) {
    return { signal: combine(signals), touch: () => undefined, done: () => undefined };
  }
  const idle = new AbortController();
  signals.push(idle.signal);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  const touch = (): void => {
    if (finished) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const reason = new Error(`no data from the server for ${idleMs} ms`);
      reason.name = 'TimeoutError';
      idle.abort(reason);
    }, idleMs);
  };
  touch();
  return {
    signal: combine(signals),
    touch,
    done: () => {
      finished = true;
      clearTimeout(timer);
    },
  };
}

function combine(signals: AbortSignal[]): AbortSignal | undefined {
  if (signals.length <= 1) return signals[0];
  return AbortSignal.any(signals);
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
