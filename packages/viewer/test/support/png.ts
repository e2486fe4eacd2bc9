import { inflateSync } from 'node:zlib';

/** An 8-bit RGBA image. */
export interface Rgba8Image {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major. */
  data: Uint8Array;
}

/**
 * Decodes the PNGs Chromium writes for screenshots: 8-bit RGB or RGBA, not interlaced.
 * Enough for pixel checks without a PNG dependency; anything else throws, naming what it got.
 */
export function decodePng(png: Uint8Array): Rgba8Image {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('expected a PNG signature');
  let pos = 8;
  let width = 0,
    height = 0,
    colorType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      [width, height, colorType] = [body.readUInt32BE(0), body.readUInt32BE(4), body[9]];
      if (body[8] !== 8 || (colorType !== 2 && colorType !== 6) || body[12] !== 0) {
        throw new Error(`expected 8-bit RGB(A) non-interlaced PNG, got depth ${body[8]}, colour type ${colorType}, interlace ${body[12]}`);
      }
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) unfilter(raw, y * (stride + 1), rows, y * stride, stride, bpp, y > 0 ? (y - 1) * stride : -1);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < rows.length; i += bpp, j += 4) {
    data[j] = rows[i];
    data[j + 1] = rows[i + 1];
    data[j + 2] = rows[i + 2];
    data[j + 3] = bpp === 4 ? rows[i + 3] : 255;
  }
  return { width, height, data };
}

function unfilter(raw: Buffer, at: number, out: Uint8Array, o: number, stride: number, bpp: number, prev: number): void {
  const filter = raw[at];
  for (let i = 0; i < stride; i++) {
    const x = raw[at + 1 + i];
    const a = i >= bpp ? out[o + i - bpp] : 0;
    const b = prev >= 0 ? out[prev + i] : 0;
    const c = i >= bpp && prev >= 0 ? out[prev + i - bpp] : 0;
    let v: number;
    if (filter === 0) v = x;
    else if (filter === 1) v = x + a;
    else if (filter === 2) v = x + b;
    else if (filter === 3) v = x + ((a + b) >> 1);
    else if (filter === 4) {
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    } else throw new Error(`expected PNG filter 0–4, got ${filter}`);
    out[o + i] = v & 0xff;
  }
}

/** Colour statistics of a rectangle: distinct colours and pixels unlike `background`. */
export function colourStats(
  img: Rgba8Image,
  rect: { x: number; y: number; width: number; height: number },
  background: [number, number, number],
  match: (r: number, g: number, b: number) => boolean = () => false,
): { distinct: number; nonBackground: number; matching: number; pixels: number } {
  const seen = new Set<number>();
  let nonBackground = 0;
  let matching = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const i = (y * img.width + x) * 4;
      const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
      seen.add((r << 16) | (g << 8) | b);
      if (Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) > 12) nonBackground++;
      if (match(r, g, b)) matching++;
    }
  }
  return { distinct: seen.size, nonBackground, matching, pixels: rect.width * rect.height };
}
