/**
 * The attachment reference changes one write plan collects before they are settled. Part of
 * the code loaded on first use (see `WritePlan.attachmentRefs`).
 */
export class AttachmentRefChanges {
  readonly #added = new Map<string, Set<string>>();
  readonly #removed = new Map<string, Set<string>>();
  /** New bytes by digest, written only if the digest is not stored yet. */
  readonly bytes = new Map<string, Uint8Array>();

  add(digest: string, ref: string, bytes?: Uint8Array): void {
    this.#removed.get(digest)?.delete(ref);
    setOf(this.#added, digest).add(ref);
    if (bytes && !this.bytes.has(digest)) this.bytes.set(digest, bytes);
  }

  remove(digest: string, ref: string): void {
    this.#added.get(digest)?.delete(ref);
    setOf(this.#removed, digest).add(ref);
  }

  touchedDigests(): string[] {
    return [...new Set([...this.#added.keys(), ...this.#removed.keys()])];
  }

  /** The references of `digest` after this plan, given the stored ones. */
  apply(digest: string, stored: readonly string[]): string[] {
    const refs = new Set(stored);
    for (const ref of this.#added.get(digest) ?? []) refs.add(ref);
    for (const ref of this.#removed.get(digest) ?? []) refs.delete(ref);
    return [...refs];
  }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}
