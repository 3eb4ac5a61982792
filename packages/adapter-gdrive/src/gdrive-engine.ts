import {
  type AttachmentRecord,
  type DocRecord,
  type Engine,
  type EngineBatch,
  type EngineSnapshot,
  type EngineSupports,
  type EngineVersion,
  type ExternalChange,
  engineConflict,
  type IdRange,
  type LocalRecord,
  type RevBody,
  type RevRef,
  type SeqEntry,
  type SeqRange,
  stringify,
  uuid,
} from '@satchel/core';
import { sleep } from './backoff.js';
import { type BodyFile, decodeBodyFile } from './body-file.js';
import { ByteLru } from './byte-lru.js';
import { type ChangeSet, decodeChange, encodeChange } from './change-file.js';
import { changeFileName, isDatabaseFile, META_NAME } from './database-files.js';
import { DriveError } from './drive-error.js';
import {
  type DriveMeta,
  decodeMeta,
  emptyMeta,
  type LogEntry,
  RECENT_COMMITS,
  referencedFiles,
} from './drive-meta.js';
import { DriveState, revKey } from './drive-state.js';
import { DriveTransport } from './drive-transport.js';
import { type GDriveOptions, type GDriveSettings, settingsOf } from './gdrive-options.js';
import { Mutex } from './mutex.js';
import { findOrCreate } from './open-folder.js';
import { mapLimit } from './parallel.js';
import { decodeIndex, freeze } from './snapshot-file.js';
import { writeSnapshot } from './snapshot-writer.js';

/** Downloads at once when replaying the log or fetching bodies. */
const PARALLEL_DOWNLOADS = 6;

/** Back-to-back commits after which a device pauses to let others swap (see `commit`). */
const BURST = 8;

type Cached = RevBody | Uint8Array;

/** The root pointer as read: its ETag (read first) and its content. */
interface MetaRead {
  etag: string;
  meta: DriveMeta;
}

/**
 * The Engine over a Google Drive folder: an append-only log of immutable change files, a
 * snapshot (index + data chunks), and `_meta.json`, the root pointer that a commit replaces by
 * compare-and-swap on its ETag. Document records, the by-seq index, local docs and attachment
 * records are held in memory (loaded at open from the snapshot index and the change files since
 * it); bodies and attachment bytes are fetched on demand into a byte-bounded cache.
 *
 * A commit uploads its change file, then swaps the pointer. A refused swap (HTTP 412: another
 * device committed) throws `EngineConflictError`; LocalAdapter then calls `reload()`, which
 * downloads only the new change files, and redoes the logical write on fresh state.
 */
export class GDriveEngine implements Engine {
  /** Other devices write to the same folder; everything else is a full engine. */
  readonly supports: EngineSupports = {
    externalWrites: true,
    sortedScans: true,
    purge: true,
    persistent: true,
  };
  readonly freshReads = false;
  /** The Drive calls; exposed for diagnostics and tests. */
  readonly drive: DriveTransport;
  readonly settings: GDriveSettings;
  private folderId = '';
  private metaId = '';
  private etag = '';
  /**
   * Earlier ETags whose data equals the current one: this engine's own snapshot swaps change
   * the ETag but no document, so a commit checked against the ETag before one still applies.
   */
  private sameData = new Set<string>();
  private root: DriveMeta | undefined;
  private state: DriveState | undefined;
  /** Set when the pointer may have moved without this engine applying it: commit must reload. */
  private behind = false;
  /** The pointer read after a refused commit, reused by the `reload()` that follows. */
  private prefetched: MetaRead | undefined;
  private readonly cache: ByteLru<Cached>;
  private readonly serial = new Mutex();
  private snapshotting: Promise<boolean> | undefined;
  private readonly watchers = new Set<(event?: ExternalChange) => void>();
  /** `_meta.json` was found gone (another device destroyed the database) and watchers told. */
  private vanished = false;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private polling = false;
  private closed = false;
  /** Commits this engine made back to back, and when the last one ended. */
  private burst = 0;
  private lastCommitEnd = 0;
  /** Commits in a row whose change file took more than half the grace period to upload. */
  private slowUploads = 0;
  /** A running average of one swap's round trip, in ms. */
  private swapMs = 100;

  /**
   * @param name - The database name: the name of its folder in Drive.
   * @param options - How to reach Drive (`getAccessToken` at least) and the tuning knobs.
   */
  constructor(
    readonly name: string,
    private readonly options: GDriveOptions,
  ) {
    this.drive = new DriveTransport(options);
    this.settings = settingsOf(options);
    this.cache = new ByteLru(this.settings.cacheBytes);
  }

  /** The ETag of `_meta.json` this engine's state reflects: its version token. */
  get version(): string {
    return this.etag;
  }

  /** The root pointer this engine's state reflects (read-only). */
  get pointer(): DriveMeta {
    return this.need().root;
  }

  async open(): Promise<EngineSnapshot> {
    await this.attach();
    // Even a pointer this device just wrote is read back (ETag first, then content): another
    // device may already have committed over it.
    await this.serial.run(() => this.catchUp(undefined));
    return { meta: this.need().state.meta, version: this.etag };
  }

  /** Finds (or creates) the database's folder and `_meta.json` by name. */
  private async attach(): Promise<void> {
    const { drive, settings, name } = this;
    const folder = this.options.folderId
      ? { file: { id: this.options.folderId }, created: false }
      : await findOrCreate(
          drive,
          settings.parent,
          name,
          () => drive.createFolder(name, settings.parent),
          { folders: true },
        );
    this.folderId = folder.file.id;
    const metaFile = await findOrCreate(
      drive,
      this.folderId,
      META_NAME,
      () =>
        drive.createFile(
          META_NAME,
          this.folderId,
          JSON.stringify(emptyMeta(uuid())),
          'application/json',
        ),
      { folders: false, parentIsNew: folder.created },
    );
    this.metaId = metaFile.file.id;
  }

  /**
   * Brings the state up to the pointer. When `_meta.json` is gone (another device destroyed
   * the database), the name is opened again, as a new database, and watchers are told.
   */
  async reload(): Promise<EngineSnapshot> {
    return this.serial.run(async () => {
      const read = this.prefetched;
      this.prefetched = undefined;
      try {
        await this.catchUp(read);
      } catch (err) {
        if (!(await this.destroyedElsewhere(err))) throw err;
        await this.reopen();
      }
      return { meta: this.need().state.meta, version: this.etag };
    });
  }

  /** Forgets the destroyed database and opens its name afresh (inside `serial`). */
  private async reopen(): Promise<void> {
    this.root = undefined;
    this.state = undefined;
    this.etag = '';
    this.behind = false;
    this.sameData.clear();
    this.cache.clear();
    await this.attach();
    await this.catchUp(undefined);
    if (!this.vanished) this.tell('destroyed');
    this.vanished = false;
  }

  /**
   * Tells the watchers another device committed (no `event`) or destroyed the database; after
   * the caller's step (a reload holds the engine's lock), never inside it.
   */
  private tell(event?: ExternalChange): void {
    queueMicrotask(() => {
      for (const watcher of [...this.watchers]) watcher(event);
    });
  }

  async getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    const { docs } = this.need().state.data;
    return ids.map((id) => docs.get(id));
  }

  async getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    const { state } = this.need();
    const keys = refs.map((ref) => revKey(ref.id, ref.rev));
    return this.fetchMany(
      keys,
      (key, s) => s.revFiles.get(key),
      (file, key) => file.bodies.get(key)?.body,
      state,
    );
  }

  async scanDocs(range: IdRange): Promise<DocRecord[]> {
    return this.need().state.data.docs.scan(range);
  }

  async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    return this.need().state.data.seqs.scan(range);
  }

  async getLocal(id: string): Promise<LocalRecord | undefined> {
    return this.need().state.data.locals.get(id);
  }

  async getAttachment(digest: string): Promise<Uint8Array | undefined> {
    const { state } = this.need();
    const [bytes] = await this.fetchMany(
      [`@${digest}`],
      (_key, s) => s.attachmentFiles.get(digest),
      (file) => file.attachments.get(digest),
      state,
    );
    return bytes as Uint8Array | undefined;
  }

  async getAttachmentRecords(
    digests: readonly string[],
  ): Promise<(AttachmentRecord | undefined)[]> {
    const records = this.need().state.data.attachmentRecords;
    return digests.map((digest) => records.get(digest));
  }

  /**
   * Uploads the batch as a change file, then swaps `_meta.json` over the ETag `version` (the
   * one this state was read at). Throws an engine conflict when another writer swapped first.
   * @returns the new ETag.
   */
  async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    const next = await this.serial.run(async () => {
      if (version !== this.etag && !this.sameData.has(String(version))) {
        throw engineConflict('The Drive database changed since this state was read');
      }
      await this.yieldAfterBurst();
      const committed = await this.commitNow(batch);
      this.lastCommitEnd = Date.now();
      return committed;
    });
    this.maybeSnapshot();
    return next;
  }

  /**
   * A device committing back to back always wins the race for the pointer: it swaps again
   * before a refused device has reloaded. So after a burst of commits it pauses for a few
   * round trips, long enough for another device's reload and swap, and writes stay fair.
   */
  private async yieldAfterBurst(): Promise<void> {
    const backToBack = Date.now() - this.lastCommitEnd < 2 * this.swapMs;
    this.burst = backToBack ? this.burst + 1 : 0;
    if (this.burst < BURST) return;
    this.burst = 0;
    await sleep(this.swapMs * (4 + 4 * Math.random()));
  }

  /**
   * Writes a snapshot of the current state and swaps the pointer to it, so the next startup
   * reads one index instead of every change file. Runs beside writers: the swap only succeeds
   * over the pointer it rebased on. Resolves `false` when another device snapshotted first.
   */
  snapshot(): Promise<boolean> {
    this.snapshotting ??= this.snapshotNow().finally(() => {
      this.snapshotting = undefined;
    });
    return this.snapshotting;
  }

  /**
   * Other folders named like this database in `parent` that hold a database: copies another
   * device created at the same moment and did not see were taken over (Drive's listing can
   * lag). Their writes are merged into this one by the adapter, then they are deleted. A folder
   * without `_meta.json` is left alone: a user's folder of the same name, or a copy so new its
   * pointer is not written yet, which the next open finds.
   */
  async duplicates(): Promise<string[]> {
    if (this.options.folderId) return [];
    const folders = await this.drive.list(this.settings.parent, { name: this.name, folders: true });
    const others = folders.filter((folder) => folder.id !== this.folderId);
    const holding = await mapLimit(others, PARALLEL_DOWNLOADS, async (folder) =>
      (await this.drive.list(folder.id, { name: META_NAME })).length > 0 ? [folder.id] : [],
    );
    return holding.flat();
  }

  /** Whether another writer committed since this engine last read the pointer. */
  async changedElsewhere(): Promise<boolean> {
    return (await this.drive.etag(this.metaId)) !== this.etag;
  }

  /** The id of the database folder (after `open`). */
  get folder(): string {
    return this.folderId;
  }

  /**
   * Deletes files nothing references whose grace period is over: change files of failed or
   * crashed commits, and abandoned snapshots. Files the database does not write are never
   * touched. Returns how many were deleted.
   */
  async sweep(): Promise<number> {
    const { root } = this.need();
    const referenced = referencedFiles(root);
    referenced.add(this.metaId);
    const cutoff = Date.now() - this.settings.gracePeriodMs;
    const files = await this.drive.list(this.folderId);
    const orphans = files.filter(
      (file) =>
        isDatabaseFile(file) && !referenced.has(file.id) && Date.parse(file.createdTime) < cutoff,
    );
    await mapLimit(orphans, PARALLEL_DOWNLOADS, (file) => this.drive.remove(file.id));
    return orphans.length;
  }

  /**
   * Calls `onExternalChange` when another device changed the database, found by polling the
   * pointer's ETag every `pollIntervalMs` while at least one watcher is registered.
   * @returns a function that stops watching.
   */
  watch(onExternalChange: (event?: ExternalChange) => void): () => void {
    this.watchers.add(onExternalChange);
    if (!this.pollTimer && this.settings.pollIntervalMs > 0) {
      this.pollTimer = setInterval(() => void this.poll(), this.settings.pollIntervalMs);
      (this.pollTimer as { unref?: () => void }).unref?.();
    }
    return () => {
      this.watchers.delete(onExternalChange);
      if (this.watchers.size === 0) this.stopPolling();
    };
  }

  /** Checks for other devices' writes now; `true` (and watchers told) when there are some. */
  async poll(): Promise<boolean> {
    if (this.polling || this.closed || !this.metaId || this.vanished) return false;
    this.polling = true;
    try {
      const etag = await this.drive.etag(this.metaId);
      if (etag === this.etag) return false;
      this.tell();
      return true;
    } catch (err) {
      // Gone: told once; the next reload opens the name afresh (see `reopen`).
      if (isGone(err)) {
        this.vanished = true;
        this.tell('destroyed');
        return true;
      }
      // A failed poll is retried on the next tick; reads and writes report their own errors.
      return false;
    } finally {
      this.polling = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopPolling();
    await this.snapshotting?.catch(() => undefined);
    this.cache.clear();
  }

  /**
   * Deletes the database's files, then its folder unless something else is in it: a folder
   * opened by `folderId` may hold the user's own files, which are not the database's to delete.
   */
  async destroy(): Promise<void> {
    this.closed = true;
    this.stopPolling();
    await this.snapshotting?.catch(() => undefined);
    if (!this.folderId) return;
    const files = await this.drive.list(this.folderId);
    const mine = files.filter(isDatabaseFile);
    await mapLimit(mine, PARALLEL_DOWNLOADS, (file) => this.drive.remove(file.id));
    if (mine.length === files.length) await this.drive.remove(this.folderId);
    this.cache.clear();
  }

  /**
   * A commit answered 404 wrote into a database another device destroyed: an engine conflict,
   * so that LocalAdapter reloads (opening the name afresh) and redoes the write there.
   */
  private async goneIsConflict(err: unknown): Promise<never> {
    if (!(await this.destroyedElsewhere(err))) throw err;
    throw engineConflict('The Drive database was destroyed on another device');
  }

  /**
   * Whether `err` (a 404) means the database is gone: `_meta.json` itself no longer exists. A
   * missing change file is not that; nor is anything in a folder the caller named by id.
   */
  private async destroyedElsewhere(err: unknown): Promise<boolean> {
    if (!isGone(err) || this.options.folderId) return false;
    try {
      await this.drive.etag(this.metaId);
      return false;
    } catch (probe) {
      return isGone(probe);
    }
  }

  private need(): { root: DriveMeta; state: DriveState } {
    if (!this.root || !this.state) throw new Error('The Google Drive database is not open');
    return { root: this.root, state: this.state };
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private async readPointer(): Promise<MetaRead> {
    // The ETag first: content newer than its ETag only makes the next swap fail, never succeed
    // over a commit this engine has not seen.
    const etag = await this.drive.etag(this.metaId);
    const meta = await this.drive.download(this.metaId, decodeMeta);
    return { etag, meta };
  }

  /**
   * Brings the state up to the pointer (`read`, or a fresh read): only the new change files
   * when the snapshot is the same, else the snapshot index and the whole log after it.
   */
  private async catchUp(read: MetaRead | undefined): Promise<void> {
    const { etag, meta } = read ?? (await this.readPointer());
    const current = this.root;
    if (current && this.state && etag === this.etag && !this.behind) return;
    const sameSnapshot =
      current !== undefined &&
      this.state !== undefined &&
      (meta.snapshot?.index ?? null) === (current.snapshot?.index ?? null) &&
      meta.generation >= current.generation;
    if (sameSnapshot) {
      const fresh = meta.log.filter((entry) => entry.generation > current.generation);
      await this.replay(this.state as DriveState, fresh);
    } else {
      this.state = await this.loadFull(meta);
    }
    this.root = meta;
    if (etag !== this.etag) this.sameData.clear();
    this.etag = etag;
    this.behind = false;
  }

  /** The state of `meta` built from scratch: its snapshot index, then its log. */
  private async loadFull(meta: DriveMeta): Promise<DriveState> {
    const state = meta.snapshot
      ? await this.drive.download(meta.snapshot.index, (text) =>
          decodeIndex(text, (meta.snapshot as { data: string[] }).data),
        )
      : new DriveState({ updateSeq: 0, docCount: 0, uuid: meta.meta.uuid });
    await this.replay(state, meta.log);
    return state;
  }

  /** Downloads change files a few at a time and applies them to `state` in log order. */
  private async replay(state: DriveState, entries: readonly LogEntry[]): Promise<void> {
    const sets = await mapLimit(entries, PARALLEL_DOWNLOADS, (entry) =>
      this.drive.download(entry.id, decodeChange),
    );
    for (let i = 0; i < entries.length; i++) {
      this.applySet(state, sets[i] as ChangeSet, (entries[i] as LogEntry).id);
    }
  }

  private applySet(state: DriveState, set: ChangeSet, file: string): void {
    state.apply(
      set,
      file,
      (ref, body, bytes) =>
        this.cache.set(revKey(ref.id, ref.rev), body, bytes ?? stringify(body).length),
      (digest, bytes) => this.cache.set(`@${digest}`, bytes, bytes.length),
    );
  }

  private async commitNow(batch: EngineBatch): Promise<EngineVersion> {
    const { root, state } = this.need();
    if (this.behind) throw engineConflict('The Drive database may have changed; reload first');
    const commit = uuid();
    const generation = root.generation + 1;
    const started = Date.now();
    const file = await this.drive
      .createFile(changeFileName(generation, commit), this.folderId, encodeChange(batch, commit))
      .catch((err: unknown) => this.goneIsConflict(err));
    const took = Date.now() - started;
    if (took > this.settings.gracePeriodMs / 2) {
      // So slow that a sweep elsewhere could already count the file an orphan: do not use it.
      this.discard(file.id);
      throw this.slowUpload(took);
    }
    this.slowUploads = 0;
    const next: DriveMeta = {
      ...root,
      generation,
      meta: batch.meta ?? root.meta,
      log: [...root.log, { id: file.id, generation }],
      recent: [...root.recent, commit].slice(-RECENT_COMMITS),
    };
    let etag: string | undefined;
    const swapStarted = Date.now();
    try {
      etag = await this.drive.replaceIfMatch(this.metaId, JSON.stringify(next), this.etag);
      this.swapMs = 0.8 * this.swapMs + 0.2 * (Date.now() - swapStarted);
    } catch (err) {
      // No answer: the swap may or may not have landed. The next commit reloads first.
      this.behind = true;
      return this.goneIsConflict(err);
    }
    if (etag === undefined) {
      const latest = await this.readPointer();
      if (!latest.meta.recent.includes(commit)) {
        this.prefetched = latest;
        this.discard(file.id);
        throw engineConflict('Another device committed to the Drive database first');
      }
      // An earlier attempt of this very request landed; its answer was lost on the way.
      etag = latest.meta.generation === generation ? latest.etag : undefined;
    }
    this.applySet(state, batchSet(batch, commit), file.id);
    this.root = next;
    this.sameData.clear();
    if (etag === undefined) {
      // Committed, but others committed after: no ETag names this state. A version no commit
      // will match makes the next write reload first.
      this.behind = true;
      this.etag = `behind:${commit}`;
    } else {
      this.etag = etag;
    }
    return this.etag;
  }

  /** Deletes a file nothing references, in the background (a failure leaves it to `sweep`). */
  private discard(id: string): void {
    this.drive.remove(id).catch(() => undefined);
  }

  private maybeSnapshot(): void {
    const root = this.root;
    if (!root || this.closed || this.snapshotting) return;
    if (root.log.length < this.settings.snapshotAfter) return;
    this.snapshot().catch(() => undefined);
  }

  private async snapshotNow(): Promise<boolean> {
    const { root: base, state } = this.need();
    const frozen = freeze(state, base.generation);
    const started = Date.now();
    const written = await writeSnapshot(
      {
        drive: this.drive,
        folderId: this.folderId,
        chunkBytes: this.settings.chunkBytes,
        readBodies: (file) => this.drive.download(file, decodeBodyFile),
      },
      frozen,
    );
    const abandon = async (): Promise<boolean> => {
      await Promise.allSettled(written.files.map((id) => this.drive.remove(id)));
      return false;
    };
    if (Date.now() - started > this.settings.gracePeriodMs / 2) return abandon();
    let expired: string[] = [];
    const swapped = await this.serial.run(async () => {
      let read: MetaRead = { etag: this.etag, meta: this.need().root };
      let own = !this.behind;
      for (let attempt = 0; attempt < 20; attempt++) {
        const cur = read.meta;
        if ((cur.snapshot?.index ?? null) !== (base.snapshot?.index ?? null)) return false;
        const now = Date.now();
        const grace = this.settings.gracePeriodMs;
        expired = cur.retired.filter((r) => now - r.at >= grace).map((r) => r.id);
        const folded = cur.log.filter((e) => e.generation <= frozen.generation).map((e) => e.id);
        const old = base.snapshot ? [base.snapshot.index, ...base.snapshot.data] : [];
        const next: DriveMeta = {
          ...cur,
          snapshot: written.pointer,
          log: cur.log.filter((e) => e.generation > frozen.generation),
          retired: [
            ...cur.retired.filter((r) => now - r.at < grace),
            ...[...old, ...folded].map((id) => ({ id, at: now })),
          ],
        };
        const etag = await this.drive.replaceIfMatch(this.metaId, JSON.stringify(next), read.etag);
        if (etag !== undefined) {
          if (own) {
            this.root = next;
            this.sameData.add(this.etag);
            this.etag = etag;
            this.relocate(written.revFiles, written.attachmentFiles);
          } else {
            this.behind = true;
          }
          return true;
        }
        read = await this.readPointer();
        own = false;
      }
      return false;
    });
    if (!swapped) return abandon();
    await mapLimit(expired, PARALLEL_DOWNLOADS, (id) => this.drive.remove(id));
    // Orphans of failed or crashed commits go too, once past the grace period.
    await this.sweep().catch(() => 0);
    return true;
  }

  /**
   * The error for a change file uploaded too slowly to be used: the first time an engine
   * conflict, so the write is redone; the second time in a row a clear error. With a grace
   * period shorter than uploads take (say `gracePeriodMs: 0`), every redo would be as slow,
   * and the write would end only when the retries time out, as a misleading 409.
   */
  private slowUpload(took: number): Error {
    this.slowUploads++;
    if (this.slowUploads < 2)
      return engineConflict('The change file upload took too long; retrying');
    this.slowUploads = 0;
    return new DriveError(
      `A change file upload took ${took} ms, more than half the \`gracePeriodMs\` of ` +
        `${this.settings.gracePeriodMs} ms, twice in a row: the write was not applied. A grace ` +
        'period must be longer than any upload can take (the default is 1 hour)',
      408,
    );
  }

  /** Points bodies and attachments at their copies in the new snapshot. */
  private relocate(revFiles: Map<string, string>, attachmentFiles: Map<string, string>): void {
    const { state } = this.need();
    for (const [key, file] of revFiles) if (state.revFiles.has(key)) state.revFiles.set(key, file);
    for (const [digest, file] of attachmentFiles) {
      if (state.attachmentFiles.has(digest)) state.attachmentFiles.set(digest, file);
    }
  }

  /**
   * Values by cache key: from the cache, else from the files holding them (each file downloaded
   * once, a few at a time; everything in it is cached). A file already deleted (this engine
   * kept a pointer past the grace period) sends the lookup to the latest state.
   */
  private async fetchMany<T extends Cached>(
    keys: readonly string[],
    locate: (key: string, state: DriveState) => string | undefined,
    pick: (file: BodyFile, key: string) => T | undefined,
    state: DriveState,
    retried = false,
  ): Promise<(T | undefined)[]> {
    // Only what the state still locates counts: a compacted body may linger in the cache.
    const files = keys.map((key) => locate(key, state));
    const out = keys.map((key, i) =>
      files[i] === undefined ? undefined : (this.cache.get(key) as T | undefined),
    );
    const byFile = new Map<string, number[]>();
    keys.forEach((_key, i) => {
      const file = files[i];
      if (out[i] !== undefined || file === undefined) return;
      const list = byFile.get(file);
      if (list) list.push(i);
      else byFile.set(file, [i]);
    });
    let missing = false;
    await mapLimit([...byFile], PARALLEL_DOWNLOADS, async ([file, indexes]) => {
      let bodies: BodyFile;
      try {
        bodies = await this.drive.download(file, decodeBodyFile);
      } catch (err) {
        if (err instanceof DriveError && err.status === 404 && !retried) {
          missing = true;
          return;
        }
        throw err;
      }
      this.cacheFile(bodies);
      for (const i of indexes) out[i] = pick(bodies, keys[i] as string);
    });
    if (!missing) return out;
    const latest = await this.loadFull((await this.readPointer()).meta);
    const again = await this.fetchMany(
      keys.filter((_key, i) => out[i] === undefined),
      locate,
      pick,
      latest,
      true,
    );
    let j = 0;
    return out.map((value) => value ?? again[j++]);
  }

  private cacheFile(file: BodyFile): void {
    for (const [key, { body, bytes }] of file.bodies) this.cache.set(key, body, bytes);
    for (const [digest, bytes] of file.attachments)
      this.cache.set(`@${digest}`, bytes, bytes.length);
  }
}

/** A batch as the change set it becomes, without a round trip through text. */
function batchSet(batch: EngineBatch, commit: string): ChangeSet {
  const set: ChangeSet = {
    commit,
    putDocs: batch.putDocs ?? [],
    deleteDocs: batch.deleteDocs ?? [],
    putRevs: (batch.putRevs ?? []).map(({ id, rev, body, json }) => ({
      id,
      rev,
      body,
      ...(json === undefined ? {} : { bytes: json.length }),
    })),
    deleteRevs: batch.deleteRevs ?? [],
    putSeqs: batch.putSeqs ?? [],
    deleteSeqs: batch.deleteSeqs ?? [],
    putLocals: batch.putLocals ?? [],
    deleteLocals: batch.deleteLocals ?? [],
    putAttachments: batch.putAttachments ?? [],
    deleteAttachments: batch.deleteAttachments ?? [],
  };
  if (batch.meta) set.meta = batch.meta;
  return set;
}

/** Whether Drive answered that the file (the database's pointer or folder) does not exist. */
function isGone(err: unknown): boolean {
  return err instanceof DriveError && err.status === 404;
}
