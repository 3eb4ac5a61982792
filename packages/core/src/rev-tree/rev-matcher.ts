// Internal to core (the barrels do not re-export this file).

/**
 * A test for "node `pos`/`id` is `rev`", exactly as comparing `${pos}-${id}` with `rev` would
 * answer (so `01-a` matches nothing), without building a string per node visited.
 * Generations are assumed non-negative, as they always are.
 */
export function revMatcher(rev: string): (pos: number, id: string) => boolean {
  const dash = rev.indexOf('-');
  if (dash < 0) return () => false;
  const prefix = rev.slice(0, dash);
  const hash = rev.slice(dash + 1);
  return (pos, id) => id === hash && String(pos) === prefix;
}
