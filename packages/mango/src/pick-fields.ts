import { getFieldFromDoc, parseField, setFieldInDoc } from '@satchel/selector';

/**
 * Copies the named fields (dotted for nested ones) of `doc` into a new object, leaving out
 * those the document lacks (pouchdb-find's `pick`).
 * @param doc - the document.
 * @param fields - the `fields` of the request.
 */
export function pickFields(
  doc: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const path = parseField(field);
    const value = getFieldFromDoc(doc, path);
    if (value !== undefined) setFieldInDoc(result, path, value);
  }
  return result;
}
