import SatchelNode from '@satchel/node';
import { type Databases, localDatabases, type ServerDb } from '@satchel/server';

/** A database the CLI works on, and how to let it go. */
export interface OpenedDb {
  db: ServerDb;
  /** What to call it in messages. */
  label: string;
  close(): Promise<void>;
}

/** Whether `name` is an http(s) URL rather than a local database name. */
export const isUrl = (name: string): boolean => /^https?:\/\//i.test(name);

/** Local data directories opened so far, shared by a command's source and target. */
const opened = new Map<string, Databases>();

/**
 * Opens `name`: a URL through the http adapter, or a local database in `dataDir` laid out as
 * the server keeps it (so `satchel serve` then serves it). `create` makes a missing one.
 */
export async function openDb(name: string, dataDir: string, create = false): Promise<OpenedDb> {
  if (isUrl(name)) {
    const db = new SatchelNode(name) as unknown as ServerDb;
    return { db, label: name.replace(/\/\/[^@/]*@/, '//'), close: () => db.close() };
  }
  let databases = opened.get(dataDir);
  if (!databases) {
    databases = localDatabases(dataDir);
    opened.set(dataDir, databases);
  }
  if (create && !(await databases.exists(name))) await databases.create(name);
  const db = await databases.get(name);
  return {
    db,
    label: name,
    close: async () => {
      const all = opened.get(dataDir);
      opened.delete(dataDir);
      await all?.close();
    },
  };
}
