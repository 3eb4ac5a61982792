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
  private readonly tasks = new Map<string, ActiveTask>();
  private counter = 0;

  /** Registers a task and returns its id. */
  add(task: { name: string; total_items?: number; [field: string]: unknown }): string {
    const id = `${Date.now().toString(36)}-${(this.counter++).toString(36)}`;
    const now = new Date().toISOString();
    this.tasks.set(id, { ...task, id, name: task.name, created_at: now, updated_at: now });
    return id;
  }

  get(id: string): ActiveTask | undefined {
    return this.tasks.get(id);
  }

  update(id: string, fields: Partial<ActiveTask>): void {
    const task = this.tasks.get(id);
    if (!task) return;
    this.tasks.set(id, { ...task, ...fields, id, updated_at: new Date().toISOString() });
  }

  remove(id: string, reason?: unknown): void {
    this.tasks.delete(id);
    void reason;
  }

  list(): ActiveTask[] {
    return [...this.tasks.values()];
  }
}
