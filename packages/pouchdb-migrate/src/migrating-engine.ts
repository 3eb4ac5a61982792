import { DirectoryEngine } from '@satchel/adapter-leveldb';
import type {
  Engine,
  EngineBatch,
  EngineSnapshot,
  EngineSupports,
  EngineVersion,
  IdRange,
  RevRef,
  SeqRange,
} from '@satchel/core';
import { type MigrateOptions, migratePouchDB } from './migrate-directory.js';
import { MIGRATED_MARKER } from './migration-paths.js';

/**
 * Directories found to hold Satchel data in this process: they are not inspected again (a
 * directory this process has open is locked, and only Satchel writes to it meanwhile).
 */
const settled = new Set<string>();

/**
 * The `leveldb` engine of a directory, which first brings PouchDB data found there over to
 * Satchel's format (see {@link migratePouchDB}); every other call goes to a
 * {@link DirectoryEngine} on the same directory. A failed migration fails `open()`, so every
 * call on the database rejects with the error that names the directory and what was found.
 */
export class MigratingDirectoryEngine implements Engine {
  private readonly inner: DirectoryEngine;

  /**
   * @param directory - absolute path of the database directory.
   * @param options - what to do with PouchDB's original once migrated.
   */
  constructor(
    readonly directory: string,
    private readonly options: Pick<MigrateOptions, 'removeOriginal'> = {},
  ) {
    // The migration runs inside the inner open, after earlier engines on the directory have
    // closed or destroyed it: concurrent view cleanups destroy and reopen one directory, and
    // an inspection racing a removal found a half-deleted store ("unknown format").
    this.inner = new DirectoryEngine(directory, {
      beforeOpen: () => this.migrate(),
      ownFiles: [MIGRATED_MARKER],
    });
  }

  private async migrate(): Promise<void> {
    if (!settled.has(this.directory) || this.options.removeOriginal) {
      await migratePouchDB(this.directory, this.options);
    }
  }

  get supports(): EngineSupports {
    return this.inner.supports;
  }

  get freshReads(): boolean | undefined {
    return this.inner.freshReads;
  }

  get storesBodyJson(): boolean | undefined {
    return this.inner.storesBodyJson;
  }

  async open(): Promise<EngineSnapshot> {
    const snapshot = await this.inner.open();
    settled.add(this.directory);
    return snapshot;
  }

  reload(): Promise<EngineSnapshot> {
    return this.inner.reload();
  }
  getDocs(ids: readonly string[]): ReturnType<Engine['getDocs']> {
    return this.inner.getDocs(ids);
  }
  getRevs(refs: readonly RevRef[]): ReturnType<Engine['getRevs']> {
    return this.inner.getRevs(refs);
  }
  scanDocs(range: IdRange): ReturnType<Engine['scanDocs']> {
    return this.inner.scanDocs(range);
  }
  scanSeqs(range: SeqRange): ReturnType<Engine['scanSeqs']> {
    return this.inner.scanSeqs(range);
  }
  getLocal(id: string): ReturnType<Engine['getLocal']> {
    return this.inner.getLocal(id);
  }
  getAttachment(digest: string): ReturnType<Engine['getAttachment']> {
    return this.inner.getAttachment(digest);
  }
  getAttachmentRecords(digests: readonly string[]): ReturnType<Engine['getAttachmentRecords']> {
    return this.inner.getAttachmentRecords(digests);
  }
  commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    return this.inner.commit(batch, version);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  /** Removes the database; a directory of that name created later is inspected afresh. */
  destroy(): Promise<void> {
    return this.inner.destroy().finally(() => settled.delete(this.directory));
  }
}
