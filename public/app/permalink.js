// The permalink: the whole request body of the open calculator, in the URL's fragment, so that opening
// the link anywhere fills the same form and computes the same answer. The fragment never reaches the
// server (no URL length limit, nothing logged). Format: #<panel>/z.<base64url of deflate-raw JSON>,
// or #<panel>/j.<percent-encoded JSON> where the browser has no CompressionStream (and for links
// written by hand).

/** @param {Uint8Array} bytes */
function toBase64Url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** @param {string} text */
function fromBase64Url(text) {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

/**
 * @param {Uint8Array} bytes
 * @param {CompressionStream | DecompressionStream} stream
 */
async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/**
 * The fragment (without #) for a panel and its request body.
 * @param {string} panel
 * @param {unknown} body
 */
export async function encodeState(panel, body) {
  const json = JSON.stringify(body);
  if (typeof CompressionStream === 'undefined') return `${panel}/j.${encodeURIComponent(json)}`;
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return `${panel}/z.${toBase64Url(packed)}`;
}

/**
 * The panel and request body a fragment holds; null for an empty fragment; an error for one that
 * cannot be read (a link cut short when it was copied, say).
 * @param {string} fragment the URL's hash, with or without its leading #
 * @returns {Promise<{ panel: string, body: unknown } | { error: string } | null>}
 */
export async function decodeState(fragment) {
  const text = fragment.replace(/^#/, '');
  if (text === '') return null;
  const match = /^([a-z][a-z0-9-]*)\/([zj])\.(.*)$/s.exec(text);
  if (!match) return { error: 'The link does not hold a calculation (it should end in #panel/z.… or #panel/j.…).' };
  const [, panel = '', kind, payload = ''] = match;
  try {
    const json =
      kind === 'j'
        ? decodeURIComponent(payload)
        : new TextDecoder('utf-8', { fatal: true }).decode(
            await pipe(fromBase64Url(payload), new DecompressionStream('deflate-raw')),
          );
    return { panel, body: JSON.parse(json) };
  } catch {
    return { error: 'The link is damaged (perhaps cut short when it was copied): its calculation could not be read.' };
  }
}
