/** One running task, as PouchDB's `activeTasks` lists it. */
export interface ActiveTask {
  id: string;
  name: string;
  total_items?: number;
  completed_items?: number;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

/** PouchDB's `PouchDB.activeTasks`: long operations (view builds, replications) report here. */
export class ActiveTasks {
  /**
   * The tasks by id. A plain object, public and replaceable as in PouchDB: its tests and some
   * tools read it with `Object.keys` or reset it with `activeTasks.tasks = {}`. The keys are
   * ids made here, never user data.
   */
  tasks: Record<string, ActiveTask> = {};
  private counter = 0;

  /** Registers a task and returns its id. */
  add(task: { name: string; total_items?: number; [field: string]: unknown }): string {
    const id = `${Date.now().toString(36)}-${(this.counter++).toString(36)}`;
    const now = new Date().toISOString();
    this.tasks[id] = { ...task, id, name: task.name, created_at: now, updated_at: now };
    return id;
  }

  get(id: string): ActiveTask | undefined {
    return Object.hasOwn(this.tasks, id) ? this.tasks[id] : undefined;
  }

  update(id: string, fields: Partial<ActiveTask>): void {
    const task = this.get(id);
    if (!task) return;
    this.tasks[id] = { ...task, ...fields, id, updated_at: new Date().toISOString() };
  }

  remove(id: string, reason?: unknown): void {
    delete this.tasks[id];
    void reason;
  }

  list(): ActiveTask[] {
    return Object.values(this.tasks);
  }
}
