/** A copy of `items` with the slots at `holes` never set (a sparse array, written readably). */
export function withHoles(items: readonly unknown[], ...holes: number[]): unknown[] {
  const array = [...items];
  for (const index of holes) delete array[index];
  return array;
}
