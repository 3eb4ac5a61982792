import type { ActiveTasks, Satchel } from '@satchel/core';

/**
 * Reports an index update as PouchDB does: `indexing` events on the source database
 * (`{view, indexed_docs}` when it starts, `{view, last_seq, results_count, indexed_docs}` once
 * each batch is mapped, before its rows are written, as in PouchDB) and a `view_indexing` entry in the constructor's `activeTasks`.
 */
export class IndexingProgress {
  private indexed = 0;
  private taskId: string | undefined;

  /**
   * @param source - the source database.
   * @param view - the index database's name (PouchDB reports this as `view`).
   */
  constructor(
    private readonly source: Satchel,
    private readonly view: string,
  ) {}

  /** The shared task list, when the constructor has one. */
  private get tasks(): ActiveTasks | undefined {
    return (this.source.constructor as { activeTasks?: ActiveTasks }).activeTasks;
  }

  /** Announces the update (an `indexing` event with `indexed_docs: 0`, as PouchDB's first). */
  start(): void {
    this.source.emit('indexing', { view: this.view, indexed_docs: 0 });
  }

  /**
   * Lists the update in `activeTasks` once there is work (an update that finds no change, the
   * common case before a query, costs no `info()`); `since` gives `total_items`.
   */
  async working(since: number | string): Promise<void> {
    if (this.taskId !== undefined || !this.tasks) return;
    const info = await this.source.info();
    const total =
      typeof info.update_seq === 'number' && typeof since === 'number'
        ? info.update_seq - since
        : undefined;
    this.taskId = this.tasks.add({ name: 'view_indexing', total_items: total });
  }

  /** Records one mapped batch of `count` changes ending at `lastSeq`. */
  batch(count: number, lastSeq: number | string): void {
    this.indexed += count;
    this.source.emit('indexing', {
      view: this.view,
      last_seq: lastSeq,
      results_count: count,
      indexed_docs: this.indexed,
    });
    if (this.taskId !== undefined)
      this.tasks?.update(this.taskId, { completed_items: this.indexed });
  }

  /** Removes the task, whether the update finished or failed. */
  finish(err?: unknown): void {
    if (this.taskId !== undefined) this.tasks?.remove(this.taskId, err);
  }
}
