import type { AnyDoc, BulkGetRequest, BulkGetResponse, OpenRevsResult } from '@satchel/core';
import { bulkGetProblem, checkAnswer } from './answer-shapes.js';
import { decodeAttachments } from './attachment-data.js';
import { getDoc } from './get.js';
import type { HttpClient } from './http-client.js';
import { queryString } from './query-string.js';

type BulkGetDocs = BulkGetResponse['results'][number]['docs'];

/** Statuses a server without `_bulk_get` answers with; PouchDB then reads doc by doc. */
const UNSUPPORTED = new Set([400, 404, 405, 501]);

/** The flags of a `bulkGet` request, as query parameters. */
function flags(req: BulkGetRequest): Record<string, unknown> {
  return {
    revs: req.revs || undefined,
    attachments: req.attachments || undefined,
    latest: req.latest || undefined,
  };
}

/**
 * Reads many revisions with `_bulk_get`, falling back to one `open_revs` read per document
 * when the server lacks `_bulk_get` (as PouchDB does).
 * @param client - the database's client.
 * @param req - PouchDB's `bulkGet` request.
 */
export async function bulkGet(client: HttpClient, req: BulkGetRequest): Promise<BulkGetResponse> {
  // Nothing to ask (and express-pouchdb never answers an empty `_bulk_get`).
  if (req.docs.length === 0) return { results: [] };
  let res: BulkGetResponse;
  try {
    res = await client.json<BulkGetResponse>({
      method: 'POST',
      path: `/_bulk_get${queryString(flags(req))}`,
      body: { docs: req.docs },
    });
  } catch (err) {
    if (!UNSUPPORTED.has((err as { status?: number }).status ?? 0)) throw err;
    res = await bulkGetFallback(client, req);
  }
  checkAnswer(client, { path: '/_bulk_get' }, bulkGetProblem(res));
  if (req.attachments && req.binary) decodeAttachments(docsOf(res));
  return res;
}

/** The documents of a `bulkGet` answer. */
function docsOf(res: BulkGetResponse): AnyDoc[] {
  return res.results.flatMap((r) => r.docs.flatMap((d) => ('ok' in d ? [d.ok] : [])));
}

/** `bulkGet` done as one `get` with `open_revs` per requested document. */
async function bulkGetFallback(client: HttpClient, req: BulkGetRequest): Promise<BulkGetResponse> {
  const results = await Promise.all(
    req.docs.map(async ({ id, rev }) => ({ id, docs: await readRevs(client, req, id, rev) })),
  );
  return { results };
}

/** One document's revisions for the fallback, errors folded into error rows. */
async function readRevs(
  client: HttpClient,
  req: BulkGetRequest,
  id: string,
  rev: string | undefined,
): Promise<BulkGetDocs> {
  try {
    const rows = (await getDoc(client, id, {
      open_revs: rev ? [rev] : 'all',
      revs: req.revs,
      attachments: req.attachments,
      binary: req.binary,
      latest: req.latest,
    })) as OpenRevsResult[];
    return rows.map((row) =>
      'ok' in row
        ? { ok: row.ok as unknown as AnyDoc }
        : { error: { id, rev: row.missing, error: 'not_found', reason: 'missing' } },
    );
  } catch (err) {
    const e = err as { name?: string; message?: string };
    return [{ error: { id, rev: rev ?? '', error: e.name ?? 'unknown', reason: e.message ?? '' } }];
  }
}
