import { digestsOf } from './attachment-refs.js';
import type { AdapterState } from './state.js';
import type { WritePlan } from './write-plan.js';

/**
 * Turns the plan's attachment reference changes into attachment records: new bytes are stored
 * once per digest, and bytes go when no kept revision references them any more. Loaded on first
 * use (`occasional-code.ts`): most writes touch no attachment.
 */
export async function settleAttachmentRefs(state: AdapterState, plan: WritePlan): Promise<void> {
  const refs = plan.attachmentRefs;
  const unrefRevs = plan.unrefRevs;
  if (unrefRevs) {
    const bodies = await state.engine.getRevs(unrefRevs);
    unrefRevs.forEach((ref, i) => {
      for (const digest of digestsOf(bodies[i])) refs.remove(digest, `${ref.id}@${ref.rev}`);
    });
  }
  const digests = refs.touchedDigests();
  if (digests.length === 0) return;
  const records = await state.engine.getAttachmentRecords(digests);
  digests.forEach((digest, i) => {
    const record = records[i];
    const kept = refs.apply(digest, record?.refs ?? []);
    if (kept.length === 0) {
      if (record) plan.deleteAttachment(digest);
      return;
    }
    const data = record ? undefined : refs.bytes.get(digest);
    plan.putAttachment(data ? { digest, refs: kept, data } : { digest, refs: kept });
  });
}
