import { randomUUID } from 'node:crypto';
import type { ReplicationLike } from './server-db.js';

/** A continuous replication the server runs (started by `POST /_replicate`). */
interface Running {
  id: string;
  source: string;
  target: string;
  handle: ReplicationLike;
}

/** The continuous replications started through `/_replicate`, so they can be cancelled. */
export class Replications {
  private readonly running = new Map<string, Running>();

  /** Remembers a running replication; returns its id. */
  add(source: string, target: string, handle: ReplicationLike): string {
    const id = randomUUID().replaceAll('-', '');
    this.running.set(id, { id, source, target, handle });
    const forget = (): void => {
      this.running.delete(id);
    };
    handle.on('complete', forget);
    handle.on('error', forget);
    return id;
  }

  /** Cancels by id, or by source and target; whether one was found. */
  cancel(id: string | undefined, source: string, target: string): boolean {
    for (const entry of this.running.values()) {
      if ((id && entry.id === id) || (!id && entry.source === source && entry.target === target)) {
        entry.handle.cancel();
        this.running.delete(entry.id);
        return true;
      }
    }
    return false;
  }

  /** Stops them all (server shutdown). */
  stopAll(): void {
    for (const entry of this.running.values()) entry.handle.cancel();
    this.running.clear();
  }
}
