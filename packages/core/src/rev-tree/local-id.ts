/** Whether `id` names a local document (`_local/...`), which is never replicated. */
export function isLocalId(id: unknown): id is string {
  return typeof id === 'string' && id.startsWith('_local/');
}
