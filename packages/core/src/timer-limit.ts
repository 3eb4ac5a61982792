/**
 * The longest delay, in ms, a timer can wait: Node and browsers fire `setTimeout` and
 * `setInterval` with a longer one (`Infinity` included) at once.
 */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;
