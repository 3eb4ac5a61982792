import { decodeBase64Strict, isBinaryData, toBytes } from './base64.js';
import * as Errors from './error-templates.js';
import { createError } from './errors.js';

/**
 * Attachment data as bytes: base64 strings are decoded strictly (PouchDB's `badarg` error
 * when invalid), binary input (Buffer, typed arrays, ArrayBuffer, Blob) is taken as is.
 * Shared by the public attachment methods and LocalAdapter, which both accept user data.
 */
export async function attachmentBytes(data: unknown): Promise<Uint8Array> {
  if (typeof data === 'string') {
    try {
      return decodeBase64Strict(data);
    } catch {
      throw createError(Errors.BAD_ARG, 'Attachment is not a valid base64 string');
    }
  }
  const bytes = (await toBytes(data)) ?? bufferJsonBytes(data);
  if (!bytes) throw createError(Errors.BAD_ARG, 'Attachment data must be base64, binary or a Blob');
  return bytes;
}

/**
 * Whether `data` is attachment data {@link attachmentBytes} could take (by its kind: base64 is
 * checked when decoded). Lets writes refuse a number or a plain object before an adapter that
 * is not core's (a PouchDB adapter under the bridge) hashes it and throws where no caller hears.
 */
export function isAttachmentData(data: unknown): boolean {
  return typeof data === 'string' || isBinaryData(data) || bufferJsonBytes(data) !== undefined;
}

/** The bytes of a Node Buffer's JSON form, or undefined when `data` is not exactly that. */
function bufferJsonBytes(data: unknown): Uint8Array | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { type, data: values } = data as { type?: unknown; data?: unknown };
  if (type !== 'Buffer' || !Array.isArray(values) || Object.keys(data).length !== 2)
    return undefined;
  const isByte = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;
  return values.every(isByte) ? Uint8Array.from(values as number[]) : undefined;
}
