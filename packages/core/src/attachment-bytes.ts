import { decodeBase64Strict, toBytes } from './base64.js';
import { createError, Errors } from './errors.js';

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
  const bytes = await toBytes(data);
  if (!bytes) throw createError(Errors.BAD_ARG, 'Attachment data must be base64, binary or a Blob');
  return bytes;
}
