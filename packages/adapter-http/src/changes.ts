import {
  type AdapterChangesOptions,
  type AnyDoc,
  type ChangesResponse,
  LONGEST_TIMER_MS,
} from '@satchel/core';
import { changesProblem, checkAnswer } from './answer-shapes.js';
import { decodeAttachments } from './attachment-data.js';
import type { HttpClient, HttpRequest } from './http-client.js';
import { queryString } from './query-string.js';

/** How much longer than the heartbeat (or timeout) a long-poll may stay silent (PouchDB's). */
export const CHANGES_TIMEOUT_BUFFER = 5000;

/** CouchDB's heartbeat when `heartbeat=true` is asked for. */
const COUCH_DEFAULT_HEARTBEAT = 60_000;

/** The `_changes` query parameters for `opts`, as PouchDB's http adapter sends them. */
function changesParams(opts: AdapterChangesOptions): Record<string, unknown> {
  const longpoll = opts.feed === 'longpoll';
  return {
    // The filter's own parameters first: ours win over a clash, as in PouchDB.
    ...opts.query_params,
    // Cloudant-style object seqs travel as JSON; strings and numbers as they are.
    since: typeof opts.since === 'object' ? JSON.stringify(opts.since) : opts.since,
    limit: opts.limit,
    descending: opts.descending || undefined,
    include_docs: opts.include_docs || undefined,
    conflicts: opts.conflicts || undefined,
    attachments: opts.attachments || undefined,
    style: opts.style === 'all_docs' ? 'all_docs' : undefined,
    seq_interval: opts.seq_interval,
    feed: longpoll ? 'longpoll' : undefined,
    // Sent whatever the feed, as PouchDB does (a one-shot read ignores them on the server).
    heartbeat: opts.heartbeat || undefined,
    timeout: opts.timeout || undefined,
    filter: filterParam(opts),
    view: opts.doc_ids || opts.selector || !opts.view ? undefined : opts.view,
  };
}

/** `_doc_ids` and `_selector` win over a named filter; `view` implies `_view`. */
function filterParam(opts: AdapterChangesOptions): string | undefined {
  if (opts.doc_ids) return '_doc_ids';
  if (opts.selector) return '_selector';
  if (opts.view) return '_view';
  return opts.filter || undefined;
}

/** The body of a POSTed `_changes`: doc ids or a selector, which may be long. */
function changesBody(opts: AdapterChangesOptions): object | undefined {
  if (opts.doc_ids) return { doc_ids: opts.doc_ids };
  if (opts.selector) return { selector: opts.selector };
  return undefined;
}

/**
 * How long a long-poll may stay silent before the connection counts as dead: the heartbeat
 * (or the timeout when there is none) plus a buffer, as PouchDB computes it; none when that is
 * longer than a timer can wait.
 */
function idleTimeout(opts: AdapterChangesOptions): number | undefined {
  if (opts.feed !== 'longpoll') return undefined;
  const wait =
    opts.heartbeat === true
      ? COUCH_DEFAULT_HEARTBEAT
      : typeof opts.heartbeat === 'number' && opts.heartbeat > 0
        ? opts.heartbeat
        : opts.timeout;
  if (!wait) return undefined;
  // Longer than a timer can wait would fire at once and abort every long-poll: no idle timeout.
  const idle = wait + CHANGES_TIMEOUT_BUFFER;
  return idle > LONGEST_TIMER_MS ? undefined : idle;
}

/**
 * Reads one page of `_changes`: `feed=normal`, or `feed=longpoll` (answers as soon as there is
 * a change). String filters, `_view`, `_selector` and `_doc_ids` run on the server; doc ids
 * and selectors are posted in the body. Sequences are passed back as the server sent them.
 * @param client - the database's client.
 * @param opts - the adapter's changes options.
 */
export async function readChanges(
  client: HttpClient,
  opts: AdapterChangesOptions,
): Promise<ChangesResponse> {
  const body = changesBody(opts);
  const req: HttpRequest = { path: `/_changes${queryString(changesParams(opts))}` };
  if (body) Object.assign(req, { method: 'POST', body });
  if (opts.signal) req.signal = opts.signal;
  const idle = idleTimeout(opts);
  if (idle !== undefined) req.idleTimeout = idle;
  const res = await client.json<ChangesResponse>(req);
  checkAnswer(client, req, changesProblem(res));
  if (opts.attachments && opts.binary) {
    decodeAttachments(
      res.results.flatMap((row) => (row.doc ? [row.doc as unknown as AnyDoc] : [])),
    );
  }
  return res;
}
