import type { Context } from 'hono';
import { jsonPointer, MULTIPART_UNREADABLE, problemResponse, validationProblem } from '../../http/problem';
import { requestMediaType } from '../../http/media-type';

/**
 * A column's pointer (`/header/Amount spent (XYZ)`); a problem about the header as a whole (`(header)`, `(meta)`) is
 * `/header`.
 */
export const headerPointer = (column: string) => (column.startsWith('(') ? '/header' : jsonPointer(['header', column]));

/** The export file of the request: a text/csv body, or the `file` part of a multipart/form-data body. */
export async function exportBytes(c: Context): Promise<Uint8Array | Response> {
  const mediaType = requestMediaType(c);
  if (mediaType === 'text/csv' || mediaType === 'text/tab-separated-values' || mediaType === 'text/plain')
    return new Uint8Array(await c.req.arrayBuffer());
  if (mediaType === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      return problemResponse(c, 'malformed-body', MULTIPART_UNREADABLE);
    }
    const file = form.get('file');
    if (file === null)
      return validationProblem(c, [
        { pointer: '/file', detail: 'is required: the export file as a multipart part named "file"' },
      ]);
    return typeof file === 'string'
      ? new TextEncoder().encode(file)
      : new Uint8Array(await (file as Blob).arrayBuffer());
  }
  return problemResponse(
    c,
    'unsupported-media-type',
    'Send the export as text/csv or as multipart/form-data with a file part named "file".',
  );
}
