import iconv from 'iconv-lite';

/**
 * CSV files carry no encoding label. Excel and WPS on Chinese Windows write GB18030 (GBK);
 * newer ones write UTF-8 with a BOM; Excel's "Unicode text" is UTF-16 with a BOM. Strict
 * UTF-8 decoding fails on any GBK Chinese text, so "valid UTF-8, else GB18030" is safe.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function decodeText(bytes: Buffer): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // a UTF-8 file with a few damaged bytes is still UTF-8 (read as GB18030 every character
    // would be garbled); GBK text read as UTF-8 is almost all U+FFFD
    const loose = new TextDecoder('utf-8').decode(bytes);
    let bad = 0;
    let good = 0;
    for (let i = 0; i < loose.length; i++) {
      const c = loose.charCodeAt(i);
      if (c === 0xfffd) bad++;
      else if (c >= 0x80) good++;
    }
    if (bad * 20 < good) return { text: loose, encoding: 'utf-8' };
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  }
}
