// The todo app: todos live in IndexedDB (the preset's default adapter), every tab shows them
// live, and they sync both ways with a CouchDB-compatible server. Plain browser JavaScript.
const db = new Satchel('todos');
const remote = new URL('couch/todos', location.href).href;

const list = document.getElementById('todos');
const statusLine = document.getElementById('status');

// One render at a time, and one more after it when changes arrived meanwhile: renders that
// overlapped could finish out of order and leave an older list on screen.
let rendering = null;
let stale = false;
function render() {
  if (rendering) {
    stale = true;
    return rendering;
  }
  rendering = (async () => {
    do {
      stale = false;
      const { rows } = await db.allDocs({ include_docs: true });
      list.replaceChildren(...rows.map((row) => todoItem(row.doc)));
    } while (stale);
    rendering = null;
  })();
  return rendering;
}

function todoItem(todo) {
  const item = document.createElement('li');
  item.dataset.id = todo._id;
  item.className = todo.done ? 'done' : '';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = todo.done;
  box.addEventListener('change', () => db.put({ ...todo, done: box.checked }));
  const title = document.createElement('span');
  title.textContent = todo.title;
  item.append(box, title);
  return item;
}

document.getElementById('new-todo').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('title');
  const title = input.value;
  // Cleared now, not once the save is done: whatever is typed meanwhile (the next todo) stays.
  input.value = '';
  // Ids that sort by creation time keep the list in order.
  const id = `${new Date().toISOString()}-${Math.random().toString(36).slice(2, 6)}`;
  try {
    await db.put({ _id: id, title, done: false });
  } catch (err) {
    // Not saved: give the title back unless something else was typed since.
    if (input.value === '') input.value = title;
    statusLine.textContent = `not saved: ${err.message}`;
  }
});

// Writes from this tab, other tabs (through IndexedDB) and the server all arrive here.
db.changes({ since: 'now', live: true }).on('change', render);
render();

// Retry forever while the server is away, checking back at most every 2 s.
db.sync(remote, {
  live: true,
  retry: true,
  back_off_function: (ms) => Math.min(2000, ms * 2 || 250),
})
  .on('active', () => {
    statusLine.textContent = 'sync: active';
  })
  .on('paused', (err) => {
    statusLine.textContent = err ? 'sync: offline, retrying' : 'sync: up to date';
  })
  .on('error', (err) => {
    statusLine.textContent = `sync: error ${err.status ?? ''} ${err.message}`;
  });
