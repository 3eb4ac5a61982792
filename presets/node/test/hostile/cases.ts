import type { SuiteDatabase } from '@satchel/adapter-suite';

/** One hostile call, run on Satchel and (unless it would crash it) on pouchdb@9. */
export interface HostileCase {
  label: string;
  call: (db: SuiteDatabase) => PromiseLike<unknown>;
  /** Why pouchdb@9 cannot be asked (it throws an uncaught exception, hangs, or lacks the method). */
  noOracle?: string;
  /** Why pouchdb@9's answer is itself accidental: Satchel may answer differently, if sanely. */
  pouchQuirk?: string;
}

/** Loose views of the API, for calls with deliberately wrong argument types. */
type Loose = (...args: unknown[]) => PromiseLike<unknown>;
const m = (db: SuiteDatabase, name: string): Loose => {
  const fn = (db as unknown as Record<string, Loose>)[name];
  if (typeof fn !== 'function') throw new Error(`no ${name}() on this database`);
  return fn.bind(db);
};

const PURGE = 'pouchdb-adapter-memory has no purge';
const NODE_CRASH = 'pouchdb@9 throws an uncaught TypeError';
const FALSY = 'pouchdb@9 tests keys for truthiness, so this key counts as absent';
const CORRUPT = 'pouchdb@9 accepts it and stores a malformed revision tree';
const NOT_A_DOC =
  'pouchdb@9 reads the first argument as a document without _id and answers 404 deleted';

/** Revision values that are not revisions (or are at the edge of the format). */
export const BAD_REVS: unknown[] = [
  'abc',
  '1-',
  '-1-x',
  '1-a-b',
  ' 1-a',
  '0x1-a',
  '1e3-a',
  '١-a',
  '',
  '99999999999999999999-a',
  5,
  0,
  -1,
  1.5,
  Number.NaN,
  true,
  {},
  { rev: '1-a' },
  [],
  ['1-a'],
  null,
];

/** The same bad rev in every place a rev can go. */
function revCases(rev: unknown): HostileCase[] {
  const r = typeof rev === 'number' && !Number.isFinite(rev) ? String(rev) : JSON.stringify(rev);
  return [
    { label: `put _rev ${r}`, call: (db) => db.put({ _id: 'a', _rev: rev, v: 2 }) },
    { label: `put new doc _rev ${r}`, call: (db) => db.put({ _id: 'new', _rev: rev }) },
    {
      label: `remove(id, ${r})`,
      call: (db) => db.remove('a', rev),
      pouchQuirk: typeof rev === 'string' ? undefined : NOT_A_DOC,
    },
    { label: `remove({_rev: ${r}})`, call: (db) => db.remove({ _id: 'a', _rev: rev }) },
    { label: `get rev ${r}`, call: (db) => db.get('a', { rev }) },
    { label: `get open_revs [${r}]`, call: (db) => db.get('a', { open_revs: [rev] }) },
    { label: `bulkDocs _rev ${r}`, call: (db) => db.bulkDocs([{ _id: 'a', _rev: rev }]) },
    {
      label: `bulkDocs new_edits:false _rev ${r}`,
      call: (db) => db.bulkDocs([{ _id: 'r', _rev: rev }], { new_edits: false }),
      pouchQuirk: CORRUPT,
    },
    { label: `revsDiff [${r}]`, call: (db) => db.revsDiff({ a: [rev] }) },
    { label: `bulkGet rev ${r}`, call: (db) => db.bulkGet({ docs: [{ id: 'a', rev }] }) },
    { label: `purge a ${r}`, call: (db) => db.purge('a', rev), noOracle: PURGE },
    { label: `local put _rev ${r}`, call: (db) => db.put({ _id: '_local/l', _rev: rev }) },
  ];
}

const putCases: HostileCase[] = [
  { label: 'put opts "x"', call: (db) => db.put({ _id: 'n1' }, 'x') },
  { label: 'put opts 5', call: (db) => db.put({ _id: 'n1' }, 5) },
  { label: 'put new_edits "no"', call: (db) => db.put({ _id: 'n1' }, { new_edits: 'no' }) },
  {
    label: 'put force "yes" with unknown rev',
    call: (db) => db.put({ _id: 'a', _rev: '1-x' }, { force: 'yes' }),
    pouchQuirk: 'force writes a random rev',
  },
  { label: 'put _revisions "x"', call: (db) => db.put({ _id: 'g1', _revisions: 'x' }) },
  {
    label: 'put _revisions garbage shape',
    call: (db) => db.put({ _id: 'g1', _revisions: { start: 'x', ids: 5 } }),
  },
  { label: 'put _deleted "yes"', call: (db) => db.put({ _id: 'g2', _deleted: 'yes' }) },
  { label: 'put _attachments "x"', call: (db) => db.put({ _id: 'g3', _attachments: 'x' }) },
  { label: 'put _attachments null', call: (db) => db.put({ _id: 'g3', _attachments: null }) },
  {
    label: 'put attachment data 5',
    call: (db) =>
      db.put({ _id: 'g4', _attachments: { 'a.txt': { content_type: 'text/plain', data: 5 } } }),
    noOracle: NODE_CRASH,
  },
  { label: 'put _conflicts field', call: (db) => db.put({ _id: 'g5', _conflicts: ['1-a'] }) },
  { label: 'put _id "__proto__"', call: (db) => db.put({ _id: '__proto__', v: 1 }) },
  { label: 'put _id "constructor"', call: (db) => db.put({ _id: 'constructor', v: 1 }) },
  {
    label: 'put own __proto__ field',
    call: (db) => db.put(JSON.parse('{"_id":"p","__proto__":{"polluted":1}}')),
  },
  { label: 'post opts "x"', call: (db) => db.post({ a: 1 }, 'x') },
  { label: 'post _id 5', call: (db) => db.post({ _id: 5 }) },
  { label: 'post null', call: (db) => db.post(null) },
];

const getCases: HostileCase[] = [
  { label: 'get id 5', call: (db) => db.get(5) },
  { label: 'get id {}', call: (db) => db.get({}) },
  { label: 'get id ""', call: (db) => db.get('') },
  { label: 'get opts "x"', call: (db) => db.get('a', 'x') },
  { label: 'get opts 5', call: (db) => db.get('a', 5) },
  { label: 'get opts null', call: (db) => db.get('a', null) },
  { label: 'get revs "yes"', call: (db) => db.get('a', { revs: 'yes' }) },
  { label: 'get revs_info 1', call: (db) => db.get('a', { revs_info: 1 }) },
  { label: 'get conflicts "x"', call: (db) => db.get('c', { conflicts: 'x' }) },
  { label: 'get open_revs 5', call: (db) => db.get('a', { open_revs: 5 }) },
  { label: 'get open_revs "some"', call: (db) => db.get('a', { open_revs: 'some' }) },
  { label: 'get open_revs {}', call: (db) => db.get('a', { open_revs: {} }) },
  { label: 'get open_revs null', call: (db) => db.get('a', { open_revs: null }) },
  {
    label: 'get latest with unknown rev',
    call: (db) => db.get('a', { rev: '1-nope', latest: true }),
    noOracle: 'pouchdb@9 throws an uncaught Error and never answers',
  },
  {
    label: 'get latest with unknown open_revs',
    call: (db) => db.get('a', { open_revs: ['1-nope'], latest: true }),
    noOracle: 'pouchdb@9 throws an uncaught Error and never answers',
  },
  { label: 'get attachments "x"', call: (db) => db.get('a', { attachments: 'x' }) },
];

const removeCases: HostileCase[] = [
  { label: 'remove(5)', call: (db) => db.remove(5), pouchQuirk: NOT_A_DOC },
  { label: 'remove({})', call: (db) => db.remove({}) },
  { label: 'remove(null)', call: (db) => db.remove(null) },
  { label: 'remove(id) without a rev', call: (db) => db.remove('a') },
  { label: 'remove(id, rev, "x")', call: (db) => db.remove('a', '1-x', 'x') },
];

const bulkCases: HostileCase[] = [
  { label: 'bulkDocs "x"', call: (db) => db.bulkDocs('x') },
  { label: 'bulkDocs 5', call: (db) => db.bulkDocs(5) },
  { label: 'bulkDocs null', call: (db) => db.bulkDocs(null) },
  { label: 'bulkDocs {docs: 5}', call: (db) => db.bulkDocs({ docs: 5 }) },
  { label: 'bulkDocs [5]', call: (db) => db.bulkDocs([5]) },
  { label: 'bulkDocs [{_id: 5}]', call: (db) => db.bulkDocs([{ _id: 5 }]) },
  {
    label: 'bulkDocs new_edits "x"',
    call: (db) => db.bulkDocs([{ _id: 'ne' }], { new_edits: 'x' }),
  },
  { label: 'bulkDocs opts "x"', call: (db) => db.bulkDocs([{ _id: 'ne' }], 'x') },
  {
    label: 'bulkDocs new_edits:false _revisions of wrong types',
    call: (db) =>
      db.bulkDocs([{ _id: 'r', _rev: '2-a', _revisions: { start: 'x', ids: 5 } }], {
        new_edits: false,
      }),
    pouchQuirk: CORRUPT,
  },
  {
    label: 'bulkDocs new_edits:false _revisions with no ids',
    call: (db) =>
      db.bulkDocs([{ _id: 'r', _rev: '2-a', _revisions: { start: 2, ids: [] } }], {
        new_edits: false,
      }),
    pouchQuirk: CORRUPT,
  },
  {
    label: 'bulkDocs new_edits:false _revisions disagreeing with _rev',
    call: (db) =>
      db.bulkDocs([{ _id: 'r', _rev: '2-a', _revisions: { start: 5, ids: ['b', 'c'] } }], {
        new_edits: false,
      }),
    pouchQuirk: CORRUPT,
  },
  {
    label: 'bulkDocs new_edits:false rev 0-x',
    call: (db) => db.bulkDocs([{ _id: 'r', _rev: '0-x' }], { new_edits: false }),
    pouchQuirk: CORRUPT,
  },
];

const allDocsCases: HostileCase[] = [
  { label: 'allDocs "x"', call: (db) => db.allDocs('x') },
  { label: 'allDocs 5', call: (db) => db.allDocs(5) },
  {
    label: 'allDocs null',
    call: (db) => db.allDocs(null),
    pouchQuirk: 'pouchdb@9 fails reading null.skip (get() takes null options)',
  },
  { label: 'allDocs limit "x"', call: (db) => db.allDocs({ limit: 'x' }) },
  { label: 'allDocs limit -1', call: (db) => db.allDocs({ limit: -1 }) },
  {
    label: 'allDocs limit 1.5',
    call: (db) => db.allDocs({ limit: 1.5 }),
    pouchQuirk: 'a fractional limit counts down past zero',
  },
  { label: 'allDocs limit NaN', call: (db) => db.allDocs({ limit: Number.NaN }) },
  {
    label: 'allDocs limit Infinity',
    call: (db) => db.allDocs({ limit: Number.POSITIVE_INFINITY }),
  },
  {
    label: 'allDocs skip -1',
    call: (db) => db.allDocs({ skip: -1 }),
    pouchQuirk: 'answers offset -1',
  },
  {
    label: 'allDocs skip "x"',
    call: (db) => db.allDocs({ skip: 'x' }),
    pouchQuirk: 'answers offset "x"',
  },
  { label: 'allDocs keys "x"', call: (db) => db.allDocs({ keys: 'x' }) },
  { label: 'allDocs keys null', call: (db) => db.allDocs({ keys: null }) },
  { label: 'allDocs keys [5]', call: (db) => db.allDocs({ keys: [5] }) },
  { label: 'allDocs keys [{}]', call: (db) => db.allDocs({ keys: [{}] }) },
  { label: 'allDocs keys [null]', call: (db) => db.allDocs({ keys: [null] }), pouchQuirk: FALSY },
  { label: 'allDocs keys [""]', call: (db) => db.allDocs({ keys: [''] }), pouchQuirk: FALSY },
  {
    label: 'allDocs startkey {}',
    call: (db) => db.allDocs({ startkey: {} }),
    pouchQuirk: 'compares {} as a string',
  },
  {
    label: 'allDocs startkey 5',
    call: (db) => db.allDocs({ startkey: 5 }),
    pouchQuirk: 'compares 5 as a string',
  },
  {
    label: 'allDocs endkey [1]',
    call: (db) => db.allDocs({ endkey: [1] }),
    pouchQuirk: 'compares [1] as a string',
  },
  {
    label: 'allDocs key {}',
    call: (db) => db.allDocs({ key: {} }),
    pouchQuirk: 'compares {} as a string',
  },
  {
    label: 'allDocs key 5',
    call: (db) => db.allDocs({ key: 5 }),
    pouchQuirk: 'compares 5 as a string',
  },
  { label: 'allDocs key ""', call: (db) => db.allDocs({ key: '' }), pouchQuirk: FALSY },
  { label: 'allDocs descending "yes"', call: (db) => db.allDocs({ descending: 'yes' }) },
  { label: 'allDocs include_docs "yes"', call: (db) => db.allDocs({ include_docs: 'yes' }) },
  {
    label: 'allDocs inclusive_end "no"',
    call: (db) => db.allDocs({ inclusive_end: 'no', endkey: 'b' }),
  },
  { label: 'allDocs update_seq "x"', call: (db) => db.allDocs({ update_seq: 'x' }) },
];

const changesCases: HostileCase[] = [
  {
    label: 'changes since {}',
    call: (db) => m(db, 'changes')({ since: {} }),
    pouchQuirk: 'answers last_seq {}',
  },
  { label: 'changes since -1', call: (db) => m(db, 'changes')({ since: -1 }) },
  {
    label: 'changes since "x"',
    call: (db) => m(db, 'changes')({ since: 'x' }),
    pouchQuirk: 'answers last_seq "x"',
  },
  { label: 'changes since null', call: (db) => m(db, 'changes')({ since: null }) },
  { label: 'changes limit "x"', call: (db) => m(db, 'changes')({ limit: 'x' }) },
  {
    label: 'changes limit -1',
    call: (db) => m(db, 'changes')({ limit: -1 }),
    noOracle: 'pouchdb@9 throws an uncaught RangeError',
  },
  {
    label: 'changes limit 1.5',
    call: (db) => m(db, 'changes')({ limit: 1.5 }),
    noOracle: 'pouchdb@9 throws an uncaught RangeError',
  },
  {
    label: 'changes doc_ids "a"',
    call: (db) => m(db, 'changes')({ doc_ids: 'a' }),
    pouchQuirk: 'treats a string as its characters',
  },
  { label: 'changes doc_ids [5]', call: (db) => m(db, 'changes')({ doc_ids: [5] }) },
  { label: 'changes filter 5', call: (db) => m(db, 'changes')({ filter: 5 }) },
  { label: 'changes filter "nope/nope"', call: (db) => m(db, 'changes')({ filter: 'nope/nope' }) },
  { label: 'changes filter "nope"', call: (db) => m(db, 'changes')({ filter: 'nope' }) },
  {
    label: 'changes filter "_view" without view',
    call: (db) => m(db, 'changes')({ filter: '_view' }),
  },
  { label: 'changes selector 5', call: (db) => m(db, 'changes')({ selector: 5 }) },
  { label: 'changes style "weird"', call: (db) => m(db, 'changes')({ style: 'weird' }) },
  { label: 'changes descending "x"', call: (db) => m(db, 'changes')({ descending: 'x' }) },
  { label: 'changes include_docs "x"', call: (db) => m(db, 'changes')({ include_docs: 'x' }) },
  {
    label: 'changes opts "x"',
    call: (db) => m(db, 'changes')('x'),
    pouchQuirk: 'pouchdb@9 throws a TypeError synchronously',
  },
];

const otherCases: HostileCase[] = [
  {
    label: 'revsDiff "x"',
    call: (db) => db.revsDiff('x'),
    pouchQuirk: 'answers {"0": {"missing": "x"}}',
  },
  { label: 'revsDiff 5', call: (db) => db.revsDiff(5) },
  { label: 'revsDiff null', call: (db) => db.revsDiff(null) },
  { label: 'revsDiff []', call: (db) => db.revsDiff([]) },
  {
    label: 'revsDiff {a: "x"}',
    call: (db) => db.revsDiff({ a: 'x' }),
    noOracle: 'pouchdb@9 throws an uncaught TypeError',
  },
  {
    label: 'revsDiff {a: null}',
    call: (db) => db.revsDiff({ a: null }),
    noOracle: 'pouchdb@9 throws an uncaught TypeError',
  },
  { label: 'revsDiff {a: [5]}', call: (db) => db.revsDiff({ a: [5] }) },
  { label: 'bulkGet "x"', call: (db) => db.bulkGet('x') },
  { label: 'bulkGet {}', call: (db) => db.bulkGet({}) },
  { label: 'bulkGet {docs: "x"}', call: (db) => db.bulkGet({ docs: 'x' }) },
  {
    label: 'bulkGet {docs: [5]}',
    call: (db) => db.bulkGet({ docs: [5] }),
    pouchQuirk: 'pouchdb@9 fails with an internal TypeError',
  },
  { label: 'bulkGet {docs: [{id: 5}]}', call: (db) => db.bulkGet({ docs: [{ id: 5 }] }) },
  { label: 'bulkGet {docs: [{}]}', call: (db) => db.bulkGet({ docs: [{}] }) },
  {
    label: 'bulkGet {docs: []}',
    call: (db) => db.bulkGet({ docs: [] }),
    noOracle: 'pouchdb@9 never answers',
  },
  { label: 'compact "x"', call: (db) => db.compact('x') },
  { label: 'compact {interval: "x"}', call: (db) => db.compact({ interval: 'x' }) },
  { label: 'purge(5, 5)', call: (db) => db.purge(5, 5), noOracle: PURGE },
  { label: 'purge()', call: (db) => m(db, 'purge')(), noOracle: PURGE },
  {
    label: 'info("x")',
    call: (db) => m(db, 'info')('x'),
    noOracle: 'pouchdb@9 throws an uncaught TypeError',
  },
];

const HELLO = 'aGVsbG8=';

const attachmentCases: HostileCase[] = [
  {
    label: 'getAttachment(5, name)',
    call: (db) => m(db, 'getAttachment')(5, 'x'),
    pouchQuirk: 'pouchdb@9 skips the id check get() makes and looks 5 up as an id',
  },
  { label: 'getAttachment(id, 5)', call: (db) => m(db, 'getAttachment')('a', 5) },
  {
    label: 'getAttachment of a missing attachment',
    call: (db) => m(db, 'getAttachment')('a', 'nope'),
  },
  { label: 'getAttachment opts "x"', call: (db) => m(db, 'getAttachment')('a', 'nope', 'x') },
  {
    label: 'getAttachment rev "abc"',
    call: (db) => m(db, 'getAttachment')('a', 'x', { rev: 'abc' }),
  },
  {
    label: 'putAttachment name "_bad"',
    call: (db) => m(db, 'putAttachment')('n', '_bad', HELLO, 'text/plain'),
  },
  {
    label: 'putAttachment rev "abc"',
    call: (db) => m(db, 'putAttachment')('a', 'x.txt', 'abc', HELLO, 'text/plain'),
  },
  {
    label: 'putAttachment data 5',
    call: (db) => m(db, 'putAttachment')('n', 'x.txt', 5, 'text/plain'),
    noOracle: NODE_CRASH,
  },
  {
    label: 'putAttachment data not base64',
    call: (db) => m(db, 'putAttachment')('n', 'x.txt', '%%%', 'text/plain'),
  },
  {
    label: 'putAttachment without a type',
    call: (db) => m(db, 'putAttachment')('n', 'x.txt', HELLO),
  },
  { label: 'removeAttachment rev 5', call: (db) => m(db, 'removeAttachment')('a', 'x', 5) },
  {
    label: 'removeAttachment of a missing doc',
    call: (db) => m(db, 'removeAttachment')('zz', 'x', '1-a'),
  },
  {
    label: 'put attachment data not base64',
    call: (db) =>
      db.put({ _id: 'n', _attachments: { 'x.txt': { content_type: 'text/plain', data: '%%%' } } }),
  },
  {
    label: 'put attachment stub without digest',
    call: (db) => db.put({ _id: 'n', _attachments: { 'x.txt': { stub: true } } }),
  },
  {
    label: 'put attachment without content_type',
    call: (db) => db.put({ _id: 'n', _attachments: { 'x.txt': { data: HELLO } } }),
  },
  {
    label: 'put attachment data null',
    call: (db) =>
      db.put({ _id: 'n', _attachments: { 'x.txt': { content_type: 'text/plain', data: null } } }),
    noOracle: NODE_CRASH,
  },
  {
    label: 'put attachment value 5',
    call: (db) => db.put({ _id: 'n', _attachments: { 'x.txt': 5 } }),
  },
];

/** Every hostile call, grouped by what it attacks. */
export const HOSTILE_GROUPS: Record<string, HostileCase[]> = {
  'invalid revisions': BAD_REVS.flatMap(revCases),
  'put and post': putCases,
  get: getCases,
  remove: removeCases,
  bulkDocs: bulkCases,
  allDocs: allDocsCases,
  changes: changesCases,
  attachments: attachmentCases,
  'revsDiff, bulkGet, compact, purge, info': otherCases,
};
