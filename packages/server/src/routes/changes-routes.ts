import type { ServerResponse } from 'node:http';
import { LONGEST_TIMER_MS, stringify } from '@satchel/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changesOptions } from '../changes-options.js';
import type { ServerContext } from '../context.js';
import { badRequest, toCouchBody } from '../couch-error.js';
import { optionalJsonObject } from '../json-body.js';
import { parseQuery, type RawQuery } from '../query-options.js';
import { requestDb } from '../request-db.js';
import type { ServerDb } from '../server-db.js';

/** CouchDB's default `timeout` of long-poll and continuous feeds (ms). */
const DEFAULT_TIMEOUT = 60_000;

interface Change {
  seq: number | string;
}

/** How a streamed feed writes: one change, a heartbeat, and the closing line. */
interface StreamFormat {
  type: string;
  change(change: Change): string;
  heartbeat: string;
  end(lastSeq: number | string): string;
  /** The closing line when the feed failed (a filter that threw or ran out of time). */
  error(body: object): string;
}

const CONTINUOUS: StreamFormat = {
  type: 'application/json',
  change: (c) => `${stringify(c)}\n`,
  heartbeat: '\n',
  end: (lastSeq) => `${JSON.stringify({ last_seq: lastSeq, pending: 0 })}\n`,
  error: (body) => `${JSON.stringify(body)}\n`,
};

const EVENTSOURCE: StreamFormat = {
  type: 'text/event-stream',
  change: (c) => `data: ${stringify(c)}\nid: ${c.seq}\n\n`,
  heartbeat: 'event: heartbeat\ndata: \n\n',
  end: (lastSeq) => `event: heartbeat\ndata: \n\nid: ${lastSeq}\n\n`,
  error: (body) => `event: error\ndata: ${JSON.stringify(body)}\n\n`,
};

/** Starts a streamed 200 answer outside fastify's reply (CORS headers are already on `raw`). */
function openStream(reply: FastifyReply, type: string) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'must-revalidate' });
  return res;
}

/**
 * A delay a timer can wait: a longer one would fire at once (Node takes it as 1 ms), ending a
 * long-poll straight away or writing a heartbeat every millisecond.
 */
const timerMs = (ms: number): number => Math.min(ms, LONGEST_TIMER_MS);

/** Milliseconds of `heartbeat` (`true` = CouchDB's 60 s), or undefined. */
function heartbeatMs(q: Record<string, unknown>): number | undefined {
  if (q.heartbeat === true) return DEFAULT_TIMEOUT;
  return typeof q.heartbeat === 'number' && q.heartbeat > 0
    ? timerMs(Math.max(q.heartbeat, 100))
    : undefined;
}

/**
 * A live feed kept open until `limit` changes, `timeout` without a heartbeat, the feed's end or
 * the client leaving; `onChange` sees each change, `onEnd` the last seq once.
 */
function follow(
  res: ServerResponse,
  db: ServerDb,
  opts: Record<string, unknown>,
  q: Record<string, unknown>,
  hooks: {
    onChange(change: Change): void;
    onHeartbeat(): void;
    onEnd(lastSeq: number | string, err?: unknown): void;
  },
): () => void {
  let lastSeq = (opts.since as number | string) ?? 0;
  let count = 0;
  let ended = false;
  const feed = db.changes({ ...opts, live: true });
  const beat = heartbeatMs(q);
  const heartbeat = beat ? setInterval(() => hooks.onHeartbeat(), beat) : undefined;
  const timeout = beat
    ? undefined
    : setTimeout(() => end(), typeof q.timeout === 'number' ? timerMs(q.timeout) : DEFAULT_TIMEOUT);
  const end = (err?: unknown): void => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    clearTimeout(timeout);
    feed.cancel();
    hooks.onEnd(lastSeq, err);
  };
  feed.on('change', ((change: Change) => {
    if (ended) return;
    lastSeq = change.seq;
    count += 1;
    hooks.onChange(change);
    if (typeof opts.limit === 'number' && count >= opts.limit) end();
  }) as (arg: never) => void);
  feed.on('error', ((err: unknown) => end(err)) as (arg: never) => void);
  feed.on('complete', (() => end()) as (arg: never) => void);
  res.once('close', () => end());
  return () => end();
}

/** `feed=continuous` and `feed=eventsource`: one line (or event) per change. */
function streamFeed(
  reply: FastifyReply,
  db: ServerDb,
  opts: Record<string, unknown>,
  q: Record<string, unknown>,
  format: StreamFormat,
): void {
  const res = openStream(reply, format.type);
  follow(res, db, opts, q, {
    onChange: (change) => res.write(format.change(change)),
    onHeartbeat: () => res.write(format.heartbeat),
    // A failed feed says so, as CouchDB does, rather than ending as if all was sent: a client
    // would carry on from its last seq into the same failure, believing nothing was missed.
    onEnd: (lastSeq, err) => {
      if (res.writableEnded || res.destroyed) return;
      res.end(err ? format.error(toCouchBody(err).body) : format.end(lastSeq));
    },
  });
}

/**
 * `feed=longpoll`: answers at once when there are changes since `since`, otherwise waits for
 * the next ones (newlines as heartbeats meanwhile) or the timeout.
 */
async function longpoll(
  reply: FastifyReply,
  db: ServerDb,
  opts: Record<string, unknown>,
  q: Record<string, unknown>,
): Promise<void> {
  const first = await db.changes(opts);
  if (first.results.length > 0) {
    reply.send(first);
    return;
  }
  const res = openStream(reply, 'application/json');
  const results: Change[] = [];
  let flush: NodeJS.Immediate | undefined;
  const stop = follow(res, db, { ...opts, since: first.last_seq }, q, {
    // Changes that arrive together (one bulk write) go out in one answer.
    onChange: (change) => {
      results.push(change);
      flush ??= setImmediate(() => stop());
    },
    onHeartbeat: () => res.write('\n'),
    onEnd: (lastSeq, err) => {
      if (flush) clearImmediate(flush);
      if (res.writableEnded || res.destroyed) return;
      // The status is sent already: the body carries the error, which clients read as one.
      res.end(err ? stringify(toCouchBody(err).body) : stringify({ results, last_seq: lastSeq }));
    },
  });
}

/** The feeds CouchDB serves; any other `feed` is a 400. */
const FEEDS = new Set(['normal', 'continuous', 'live', 'longpoll', 'eventsource']);

async function changes(
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: ServerContext,
  body: Record<string, unknown>,
) {
  const { db } = await requestDb(req, ctx);
  const q = parseQuery(req.query as RawQuery);
  if (q.feed !== undefined && !FEEDS.has(q.feed as string)) {
    throw badRequest('Supported `feed` types: normal, continuous, live, longpoll, eventsource');
  }
  const opts = await changesOptions(req, q, body, db, ctx.options.sandboxTimeoutMs);
  switch (q.feed) {
    case 'longpoll':
      return longpoll(reply, db, opts, q);
    // CouchDB takes `live` as another name for `continuous`.
    case 'continuous':
    case 'live':
      return streamFeed(reply, db, opts, q, CONTINUOUS);
    case 'eventsource':
      return streamFeed(reply, db, opts, q, EVENTSOURCE);
    default:
      return db.changes(opts);
  }
}

/** `GET` and `POST /db/_changes`. */
export function changesRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/:db/_changes', (req, reply) => changes(req, reply, ctx, {}));
  app.post('/:db/_changes', (req, reply) => changes(req, reply, ctx, optionalJsonObject(req)));
}
