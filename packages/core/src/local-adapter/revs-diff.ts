import { missingRevs } from '../rev-tree/revs-diff.js';
import type { RevsDiffRequest, RevsDiffResponse } from '../types/options.js';
import type { AdapterState } from './state.js';

/**
 * For each document, the requested revisions this database lacks: absent from the tree, or
 * present only as a stub whose body is missing. Documents lacking nothing are left out.
 */
export function revsDiff(state: AdapterState, req: RevsDiffRequest): Promise<RevsDiffResponse> {
  return state.lock.read(async () => {
    const ids = Object.keys(req);
    const records = ids.length > 0 ? await state.engine.getDocs(ids) : [];
    const out: RevsDiffResponse = {};
    ids.forEach((id, i) => {
      const wanted = (Object.hasOwn(req, id) ? req[id] : undefined) ?? [];
      const record = records[i];
      if (!record) {
        setOwn(out, id, { missing: wanted });
        return;
      }
      const missing = missingRevs(record.rev_tree, wanted);
      if (missing.length > 0) setOwn(out, id, { missing });
    });
    return out;
  });
}

/** `obj[key] = value` that stays an own member even for the id `__proto__`. */
function setOwn<V>(obj: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
