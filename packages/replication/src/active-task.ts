import type { ActiveTasksLike, ReplicationDb } from './types.js';

/** The source's active-task registry: the instance's (PouchDB) or its constructor's (Satchel). */
function registryOf(db: ReplicationDb): ActiveTasksLike | undefined {
  if (db.activeTasks) return db.activeTasks;
  const ctor = db.constructor as { activeTasks?: ActiveTasksLike } | undefined;
  return ctor?.activeTasks;
}

/** A replication's entry in `activeTasks`, as PouchDB lists it. */
export class ReplicationTask {
  private readonly registry: ActiveTasksLike | undefined;
  private readonly id: string | undefined;

  /**
   * @param src - the source database (whose registry lists the task).
   * @param name - the task name (`replication from <db>` or `continuous replication from <db>`).
   * @param total - changes expected.
   */
  constructor(src: ReplicationDb, name: string, total: number) {
    this.registry = registryOf(src);
    this.id = this.registry?.add({ name, total_items: total });
  }

  /** Counts `n` more processed changes. */
  progress(n: number): void {
    if (!this.registry || this.id === undefined) return;
    const done = this.registry.get(this.id)?.completed_items ?? 0;
    this.registry.update(this.id, { completed_items: done + n });
  }

  /** Removes the task. */
  remove(reason?: unknown): void {
    if (this.registry && this.id !== undefined) this.registry.remove(this.id, reason);
  }
}
