/** The image types attachments may be: photos from phones, cameras and screenshots. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export type ImageType = (typeof IMAGE_TYPES)[number];

/** How many leading bytes {@link sniffImage} needs: RIFF, its size and WEBP. */
export const SNIFF_BYTES = 12;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The image type of a file from its first bytes (its magic number), never from its name or
 * the type a client declared: a PNG named photo.jpg is a PNG, and a script named photo.jpg
 * is not an image. JPEG starts FF D8 FF, PNG 89 "PNG" 0D 0A 1A 0A, WebP "RIFF" <size> "WEBP".
 * @param head at least the file's first {@link SNIFF_BYTES} bytes (fewer: a file that short)
 * @returns the media type, or null for anything else
 * @example sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0])) // 'image/jpeg'
 */
export function sniffImage(head: Uint8Array): ImageType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, PNG)) return 'image/png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Words for what a refused file looks like, for the error message.
 * @example describeHead(Buffer.from('hello')) // 'text starting "hello"'
 */
export function describeHead(head: Uint8Array): string {
  if (head.length === 0) return 'empty';
  const text = Buffer.from(head).toString('latin1');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: sniffing printable text — tab, LF and CR are the allowed control bytes
  if (/^[\x09\x0a\x0d\x20-\x7e]+$/.test(text)) return `text starting ${JSON.stringify(text)}`;
  return `binary starting ${[...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
}

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

function ascii(head: Uint8Array, from: number, to: number): string {
  return head.length >= to ? Buffer.from(head.subarray(from, to)).toString('latin1') : '';
}
