import type {
  AttachmentRecord,
  DocRecord,
  Engine,
  EngineBatch,
  EngineSnapshot,
  EngineSupports,
  EngineVersion,
  IdRange,
  LocalRecord,
  RevBody,
  RevRef,
  SeqEntry,
  SeqRange,
  Unwatch,
} from '@satchel/core/engine';

/**
 * Stands in for an engine whose code is still being loaded: `open()` loads and opens the real
 * engine, then every call goes straight to it. LocalAdapter calls nothing but `open()` (and
 * `close()`/`destroy()`) before `open()` resolves; those two wait for the load.
 */
export class PendingEngine implements Engine {
  #loading: Promise<Engine> | undefined;
  #engine: Engine | undefined;

  /**
   * @param supports - the real engine's `supports`, needed before its code is there.
   * @param load - creates the real engine (loading its code); called once, by `open()`.
   */
  constructor(
    readonly supports: EngineSupports,
    private readonly load: () => Promise<Engine>,
  ) {}

  get freshReads(): boolean | undefined {
    return this.#engine?.freshReads;
  }

  get freshBodies(): boolean | undefined {
    return this.#engine?.freshBodies;
  }

  /** The real engine; throws if used before `open()` resolved (a LocalAdapter never does). */
  get #loaded(): Engine {
    if (!this.#engine) throw new Error('the engine is used before open() resolved');
    return this.#engine;
  }

  #real(): Promise<Engine> {
    this.#loading ??= this.load().then((engine) => {
      this.#engine = engine;
      return engine;
    });
    return this.#loading;
  }

  async open(): Promise<EngineSnapshot> {
    return (await this.#real()).open();
  }

  reload(): Promise<EngineSnapshot> {
    return this.#loaded.reload();
  }

  getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    return this.#loaded.getDocs(ids);
  }

  getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    return this.#loaded.getRevs(refs);
  }

  scanDocs(range: IdRange): Promise<DocRecord[]> {
    return this.#loaded.scanDocs(range);
  }

  scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    return this.#loaded.scanSeqs(range);
  }

  getLocal(id: string): Promise<LocalRecord | undefined> {
    return this.#loaded.getLocal(id);
  }

  getAttachment(digest: string): Promise<Uint8Array | undefined> {
    return this.#loaded.getAttachment(digest);
  }

  getAttachmentRecords(digests: readonly string[]): Promise<(AttachmentRecord | undefined)[]> {
    return this.#loaded.getAttachmentRecords(digests);
  }

  commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    return this.#loaded.commit(batch, version);
  }

  watch(onExternalChange: () => void): Unwatch {
    const { watch } = this.#loaded;
    return watch ? watch.call(this.#engine, onExternalChange) : () => undefined;
  }

  async close(): Promise<void> {
    await (this.#engine ?? (await this.#real().catch(() => undefined)))?.close();
  }

  async destroy(): Promise<void> {
    await (await this.#real()).destroy();
  }
}
