import type { AnyDoc } from './types/documents.js';
import type { BulkGetRequest, BulkGetResponse, GetOptions } from './types/options.js';

/** The reads `bulkGet` needs from a database: its (possibly wrapped) `get`. */
interface Getter {
  get(id: string, opts: GetOptions): Promise<unknown>;
}

type ResultDocs = BulkGetResponse['results'][number]['docs'];

/**
 * `bulkGet` for adapters without a native one: one `get` with `open_revs` per document (all
 * requests for an id in one read), answered in PouchDB's shape — one result per revision.
 */
export async function bulkGetViaGet(db: Getter, req: BulkGetRequest): Promise<BulkGetResponse> {
  const byId = new Map<string, BulkGetRequest['docs']>();
  for (const request of req.docs) {
    const list = byId.get(request.id);
    if (list) list.push(request);
    else byId.set(request.id, [request]);
  }
  const perDoc = await Promise.all(
    [...byId].map(([id, requests]) => readOne(db, req, id, requests)),
  );
  const results: BulkGetResponse['results'] = [];
  for (const { id, docs } of perDoc) for (const info of docs) results.push({ id, docs: [info] });
  return { results };
}

async function readOne(
  db: Getter,
  req: BulkGetRequest,
  id: string,
  requests: BulkGetRequest['docs'],
): Promise<{ id: string; docs: ResultDocs }> {
  const first = requests[0];
  const opts: GetOptions & { atts_since?: string[] } = {};
  if (first?.atts_since) opts.atts_since = first.atts_since;
  const revs = requests.map((r) => r.rev).filter((rev): rev is string => Boolean(rev));
  if (revs.length > 0) opts.open_revs = revs;
  for (const param of ['revs', 'attachments', 'binary', 'latest'] as const) {
    if (param in req) opts[param] = req[param];
  }
  try {
    const res = await db.get(id, opts);
    const docs = revs.length > 0 ? (res as ResultDocs) : [{ ok: res as AnyDoc }];
    return { id, docs };
  } catch (err) {
    return { id, docs: [{ error: err } as unknown as ResultDocs[number]] };
  }
}
