/**
 * The text of an uploaded export. Ad platforms write UTF-8 (Meta, Google's plain CSV), UTF-8 with a
 * byte-order mark (what Excel reads as UTF-8), and UTF-16 with a BOM (Google Ads' "Excel CSV"). UTF-16
 * without a BOM cannot be told from other encodings reliably, so it is refused rather than guessed.
 */
export type Decoded = { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' } | { error: string };

export function decodeExport(bytes: Uint8Array): Decoded {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xff && b1 === 0xfe) return decode(bytes.subarray(2), 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return decode(bytes.subarray(2), 'utf-16be');
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decode(bytes.subarray(3), 'utf-8');
  if (looksLikeBomlessUtf16(bytes)) {
    return {
      error:
        'the file looks like UTF-16 without a byte-order mark; save it as UTF-8, or as UTF-16 with a byte-order mark',
    };
  }
  return decode(bytes, 'utf-8');
}

function decode(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): Decoded {
  try {
    // Big-endian is read as little-endian with each pair of bytes swapped: every runtime decodes UTF-16LE.
    const input = encoding === 'utf-16be' ? swapPairs(bytes) : bytes;
    const label = encoding === 'utf-8' ? 'utf-8' : 'utf-16le';
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(input), encoding };
  } catch {
    return {
      error:
        `the file is not valid ${encoding.toUpperCase()}; export ` +
        `it again as UTF-8 or UTF-16 with a byte-order mark`,
    };
  }
}

/** ASCII text in UTF-16 has a NUL in every other byte; a CSV in UTF-8 has none. */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 512);
  let nuls = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 0) nuls++;
  return sample >= 2 && nuls * 4 >= sample;
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] as number;
    out[i + 1] = bytes[i] as number;
  }
  if (bytes.length % 2) out[bytes.length - 1] = bytes[bytes.length - 1] as number;
  return out;
}
