/**
 * Maps `items` through `task` with at most `limit` running at once, keeping the order of
 * results: downloads of many small files are latency-bound, so a few at a time is much faster
 * than one by one, while staying well within Drive's per-user rate limits.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
