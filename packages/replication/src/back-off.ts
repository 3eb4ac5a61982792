/** PouchDB's ceiling for retry delays: ten minutes. */
const MAX_BACK_OFF_MS = 600_000;

/**
 * PouchDB's default `back_off_function`: the first retry waits a random 0–2 s, each later one
 * a random delay between the previous one and twice it, capped at 5–10 minutes.
 * @param previous - the previous delay in ms (0 before the first retry).
 * @returns the next delay in ms.
 */
export function defaultBackOff(previous: number): number {
  let min = Math.trunc(Number(previous)) || 0;
  let max = min ? min * 2 : 2000;
  if (!min) max += 1;
  if (max > MAX_BACK_OFF_MS) {
    min = MAX_BACK_OFF_MS / 2;
    max = MAX_BACK_OFF_MS;
  }
  return Math.trunc((max - min) * Math.random() + min);
}
