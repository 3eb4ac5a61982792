// Counts what a page asks of IndexedDB: IDBDatabase.transaction and the object store's and
// index's request methods are wrapped once; while a probe is set, each call is tallied in it
// (transactions by mode, stores locked by readwrite ones, requests by method and store, the
// size of the values put). Used by write-anatomy-page.mjs and counts-page.mjs.

/** The probe being filled (`undefined`: nothing is counted). */
let probe;

/** Starts counting into `next` (`{ counts: {} }`), or stops with `undefined`. */
export function setProbe(next) {
  probe = next;
}

/** The probe being filled, if any. */
export function currentProbe() {
  return probe;
}

function sizeOf(value) {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof Blob) return value.size;
  return JSON.stringify(value)?.length ?? 0;
}

const bump = (key, by = 1) => {
  probe.counts[key] = (probe.counts[key] ?? 0) + by;
};

/**
 * Adds to `ms with a tx open` the time during which at least one transaction was open: the
 * rest of a workload's time is JavaScript (or waiting on something else).
 */
function trackOpen(own, tx) {
  if ((own.open ?? 0) === 0) own.openSince = performance.now();
  own.open = (own.open ?? 0) + 1;
  const end = () => {
    own.open -= 1;
    if (own.open > 0) return;
    own.counts['ms with a tx open'] =
      (own.counts['ms with a tx open'] ?? 0) + performance.now() - own.openSince;
  };
  tx.addEventListener('complete', end);
  tx.addEventListener('abort', end);
}

let wrapped = false;

/** Wraps IndexedDB's prototypes (once); their calls count into the current probe. */
export function wrapPrototypes() {
  if (wrapped) return;
  wrapped = true;
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
    const tx = transaction.call(this, stores, mode, ...rest);
    if (probe) {
      bump(`tx ${mode ?? 'readonly'}`);
      trackOpen(probe, tx);
      if (mode === 'readwrite') {
        bump('stores locked', typeof stores === 'string' ? 1 : stores.length);
        probe.txStart ??= performance.now();
        const own = probe;
        tx.addEventListener('complete', () => {
          own.txEnd = performance.now();
        });
      }
    }
    return tx;
  };
  // An explicit commit (not waiting for the answers of the requests to reach the page).
  const commit = IDBTransaction.prototype.commit;
  if (typeof commit === 'function') {
    IDBTransaction.prototype.commit = function () {
      if (probe) bump('tx commit()');
      return commit.call(this);
    };
  }
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    if (probe) bump('indexedDB.open');
    return open.apply(this, args);
  };
  // Tabs hear of commits through BroadcastChannel: each post is a message to the browser.
  if (typeof BroadcastChannel === 'function') {
    const post = BroadcastChannel.prototype.postMessage;
    BroadcastChannel.prototype.postMessage = function (message) {
      if (probe) {
        bump('BroadcastChannel.postMessage');
        bump('bytes posted', sizeOf(message));
      }
      return post.call(this, message);
    };
  }
  const wrap = (proto, methods, storeOf) => {
    for (const method of methods) {
      const original = proto[method];
      if (typeof original !== 'function') continue;
      proto[method] = function (...args) {
        if (probe) {
          bump(`${method} ${storeOf(this)}`);
          bump('requests');
          if (method === 'put' || method === 'add') bump('bytes written', sizeOf(args[0]));
          probe.lastRequest = performance.now();
        }
        return original.apply(this, args);
      };
    }
  };
  const reads = ['get', 'getAll', 'getAllKeys', 'getAllRecords', 'getKey', 'count'];
  const cursors = ['openCursor', 'openKeyCursor'];
  wrap(
    IDBObjectStore.prototype,
    [...reads, ...cursors, 'put', 'add', 'delete', 'clear'],
    (s) => s.name,
  );
  wrap(IDBIndex.prototype, [...reads, ...cursors], (i) => `${i.objectStore.name}.${i.name}`);
  // A cursor step is a request too (one round trip each).
  wrap(IDBCursor.prototype, ['continue', 'advance'], (c) => {
    const source = c.source;
    return `cursor ${source.objectStore ? `${source.objectStore.name}.${source.name}` : source.name}`;
  });
}
