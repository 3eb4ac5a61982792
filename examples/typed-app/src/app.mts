// The typed to-do app an outside TypeScript project writes against the published packages. The
// test type-checks this file as ESM under nodenext and bundler resolution, and as CommonJS with
// the import line below swapped for `import Satchel = require('@satchel/node');`, then runs the
// compiled ESM and CommonJS builds with Node on LevelDB. Keep it free of top-level await so the
// CommonJS variant stays valid.
import Satchel from '@satchel/node';

/** The app's document type: every read of a `Satchel<Todo>` database carries these fields. */
interface Todo {
  title: string;
  done: boolean;
  priority: number;
}

/** What the app prints as one JSON line, for the test to compare with what it expects. */
interface Report {
  title: string;
  listed: string[];
  found: string[];
  queried: string[];
  changed: string[];
  replicated: number;
  synced: string[];
}

async function main(dir: string): Promise<Report> {
  const todos = new Satchel<Todo>(`${dir}/todos`);
  await todos.bulkDocs([
    { _id: 'a', title: 'buy milk', done: false, priority: 2 },
    { _id: 'b', title: 'write tests', done: true, priority: 1 },
    { _id: 'c', title: 'ship it', done: false, priority: 3 },
  ]);
  const written = await todos.put({ _id: 'd', title: 'rest', done: false, priority: 0 });

  const doc = await todos.get('a');
  const title: string = doc.title;
  const rev: string = doc._rev;
  // @ts-expect-error a Todo has no `owner`: reads are typed, not `any`
  doc.owner;
  // @ts-expect-error `done` is a boolean, not a string
  const wrong: string = doc.done;
  // Never called: writes are type-checked too (`priority` must be a number).
  const badWrite = () =>
    // @ts-expect-error a Todo's priority is a number
    todos.put({ _id: 'e', title: 'x', done: false, priority: 'high' });

  const all = await todos.allDocs({ include_docs: true });
  const listed = all.rows.map((row) => row.doc?.title ?? '');

  await todos.createIndex({ index: { fields: ['priority'] } });
  const open = await todos.find({
    selector: { done: false, priority: { $gt: 0 } },
    sort: ['priority'],
  });
  const found = open.docs.map((todo) => `${todo._id}:${todo.title}:${todo.priority}`);
  // @ts-expect-error found documents are Todos
  open.docs[0]?.owner;

  // The map function's document is typed from the database: `todo` is a Todo & {_id, _rev}.
  const byDone = await todos.query((todo, emit) => emit(todo.done), {
    key: true,
    include_docs: true,
  });
  const queried = byDone.rows.map((row) => ('doc' in row && row.doc ? row.doc.title : ''));

  const feed = await todos.changes({ since: 0, include_docs: true });
  const changed = feed.results
    .filter((change) => !change.id.startsWith('_design/'))
    .map((change) => change.doc?.title ?? '');
  // @ts-expect-error changed documents are Todos
  feed.results[0]?.doc?.owner;

  const copy = new Satchel<Todo>(`${dir}/copy`);
  const pushed = await todos.replicate.to(copy);
  await copy.put({ _id: 'f', title: 'from the copy', done: false, priority: 5 });
  await todos.sync(copy);
  const ids = (await todos.allDocs()).rows.map((row) => row.id);
  const synced = ids.filter((id) => !id.startsWith('_design/'));

  await Promise.all([todos.close(), copy.close()]);
  void rev;
  void wrong;
  void written;
  void badWrite;
  return { title, listed, found, queried, changed, replicated: pushed.docs_written, synced };
}

main(process.argv[2] ?? '.').then(
  (report) => console.log(JSON.stringify(report)),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
