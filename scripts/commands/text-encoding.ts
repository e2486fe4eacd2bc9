import { Transform } from 'node:stream';
import { CitygridError } from '@citygrid/core';

/** The encodings a CSV may come in: UTF-8, or GB18030 (GBK's superset: Excel's default on Chinese Windows). */
export const ENCODINGS = ['utf-8', 'gb18030'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/**
 * The encoding `--encoding` names (`utf8`, `gbk`, `GB2312` read as GB18030, their superset), or
 * undefined to detect it; a CLI usage error for anything else.
 * @example readEncoding('GBK') // 'gb18030'
 */
export function readEncoding(text: string | undefined): Encoding | undefined {
  if (text === undefined) return undefined;
  const t = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (t === 'utf8') return 'utf-8';
  if (t === 'gb18030' || t === 'gbk' || t === 'gb2312' || t === 'cp936') return 'gb18030';
  throw CitygridError.of('CG_ERR_USAGE', {}, `--encoding ${text}: use utf-8 or gb18030 (gbk and gb2312 are read as gb18030)`);
}

/**
 * UTF-8 when the bytes are valid UTF-8 (a sequence cut at the end of a sample is fine), else
 * GB18030: a GBK file's Chinese text is almost never valid UTF-8, while UTF-8 read as GBK would
 * silently become other characters, so UTF-8 is tried first.
 * @example detectEncoding(Buffer.from([0xc4, 0xe3])) // 'gb18030'
 */
export function detectEncoding(sample: Uint8Array): Encoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/**
 * A file's text in the encoding given or detected, and which was used.
 * @example decodeFile(readFileSync('team.csv')).encoding // 'gb18030' for an Excel export
 */
export function decodeFile(bytes: Uint8Array, encoding?: Encoding): { text: string; encoding: Encoding } {
  const used = encoding ?? detectEncoding(bytes);
  // Fatal for UTF-8: a file said to be UTF-8 that is not must fail, not turn into U+FFFD.
  return { text: new TextDecoder(used, { fatal: used === 'utf-8' }).decode(bytes), encoding: used };
}

/**
 * A stream turning bytes into text, in the encoding given or detected from the first chunk
 * (64 KiB from a file stream: hundreds of rows); `onEncoding` hears which was used.
 * @example pipeline(createReadStream(f), decodingStream(undefined, (e) => log(e)), parse(), …)
 */
export function decodingStream(encoding: Encoding | undefined, onEncoding: (used: Encoding) => void): Transform {
  let decoder: TextDecoder | null = null;
  let offset = 0;
  // Only a file said to be UTF-8 fails: the offset is that of the chunk holding the bad byte.
  const notUtf8 = (at: number) => CitygridError.of('CG_ERR_NOT_UTF8', {}, 'the file', `${at} or just after`);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!decoder) {
        const used = encoding ?? detectEncoding(chunk);
        onEncoding(used);
        decoder = new TextDecoder(used, { fatal: used === 'utf-8' });
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return done(notUtf8(offset));
      }
      offset += chunk.length;
      done(null, text);
    },
    flush(done) {
      try {
        done(null, decoder ? decoder.decode() : '');
      } catch {
        done(notUtf8(offset));
      }
    },
  });
}

/** The line a command prints when a file was not read as UTF-8, so nobody wonders. */
export function encodingNote(command: string, file: string, used: Encoding, given: boolean): string | null {
  if (used === 'utf-8') return null;
  return `citygrid ${command}: ${file}: read as ${used.toUpperCase()}${given ? ' (--encoding)' : ' (it is not valid UTF-8; --encoding chooses)'}\n`;
}
