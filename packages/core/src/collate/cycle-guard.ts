/**
 * Depth from which the walkers start remembering the containers on their current path.
 * Real keys are far shallower, so they never pay for the bookkeeping.
 */
export const CYCLE_CHECK_DEPTH = 1024;

/**
 * Turns a circular key into a `TypeError` instead of an endless loop.
 *
 * pouchdb-collate recurses, so a cycle ends in a stack overflow there. Our walkers use an
 * explicit stack and would instead loop until memory runs out. A cycle makes the path
 * infinitely deep, so past {@link CYCLE_CHECK_DEPTH} some container must come back onto the
 * path; tracking only the path (not every container seen) keeps shared, acyclic sub-keys legal.
 */
export class CycleGuard {
  private readonly onPath = new Set<object>();

  /** Records `container` as entered at `depth`; throws if it is already on the path. */
  enter(container: object, depth: number): void {
    if (depth < CYCLE_CHECK_DEPTH) return;
    if (this.onPath.has(container)) {
      throw new TypeError('Cannot collate a circular structure');
    }
    this.onPath.add(container);
  }

  /** Forgets `container`, which was entered at `depth`, as the walk leaves it. */
  leave(container: object, depth: number): void {
    if (depth >= CYCLE_CHECK_DEPTH) this.onPath.delete(container);
  }
}
