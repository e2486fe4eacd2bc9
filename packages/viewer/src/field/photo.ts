import type { QueuedPhoto } from './field-db.ts';

// A phone photo is 3–6 MB; the server and the 4G uplink from a village want ≤ 1 MB. 2048 px on
// the long side still shows a number plate or a crack; quality steps down until it fits.
const MAX_BYTES = 1024 * 1024;
const MAX_SIDE = 2048;
const QUALITIES = [0.85, 0.75, 0.65, 0.5, 0.4];

/**
 * A photo compressed on the device to a JPEG of at most 1 MB (re-encoding also drops EXIF, and
 * with it the phone's own GPS tag and serial), with its SHA-256 as the server will compute it.
 * @example const photo = await preparePhoto(input.files[0]);
 */
export async function preparePhoto(file: Blob, name = 'photo.jpg'): Promise<QueuedPhoto> {
  const bitmap = await createImageBitmap(file);
  let scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  let blob: Blob | null = null;
  for (let round = 0; round < 4 && (blob === null || blob.size > MAX_BYTES); round++) {
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    for (const q of QUALITIES) {
      blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', q));
      if (blob && blob.size <= MAX_BYTES) break;
    }
    scale *= 0.7;
  }
  bitmap.close();
  if (!blob) throw new Error(`could not encode ${name} as JPEG`);
  return { blob, name: `${name.replace(/\.[^.]*$/, '')}.jpg`, sha256: await sha256Hex(blob), sent: false };
}

/**
 * Lower-case hex SHA-256 of a blob.
 * @example await sha256Hex(new Blob(['abc'])) // 'ba7816bf…'
 */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
