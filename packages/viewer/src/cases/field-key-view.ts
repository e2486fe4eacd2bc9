// The desk hands out field-app keys (issue 17): an admin makes an inspector key for one person
// and their grids, and the inspector's phone scans it as a QR code to sign in to /m. The code
// carries `<origin>/m#key=cg_…`: a fragment, so the key never reaches a server log.
import { encode } from 'uqr';
import type { Client } from '../api/client.ts';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * The link a phone opens to sign in to the field app with `key`.
 * @example fieldKeyLink('https://city.example', 'cg_3f2a…') // 'https://city.example/m#key=cg_3f2a…'
 */
export function fieldKeyLink(origin: string, key: string): string {
  return `${origin}/m#key=${key}`;
}

/**
 * Draws a QR code on a canvas, 4 modules of quiet zone, `scale` pixels a module.
 * @example drawQr(canvas, 'https://city.example/m#key=cg_…')
 */
export function drawQr(canvas: HTMLCanvasElement, text: string, scale = 6): void {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  canvas.width = canvas.height = size * scale;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) g.fillRect(x * scale, y * scale, scale, scale);
    });
  });
}

/** Wires the desk's 城管通登录码 dialog: POST /api/keys (admin), then the QR code of the link. */
export function wireFieldKeyDialog(client: Client): void {
  const dialog = $<HTMLDialogElement>('field-key');
  $('field-key-open').addEventListener('click', () => dialog.showModal());
  $('field-key-close').addEventListener('click', () => dialog.close());
  $('field-key-make').addEventListener('click', async () => {
    const person = $<HTMLInputElement>('field-key-person').value.trim();
    const grids = $<HTMLInputElement>('field-key-grids')
      .value.split(/[,，\s]+/)
      .filter(Boolean);
    const canvas = $<HTMLCanvasElement>('field-key-qr');
    try {
      const made = await client.json<{ key: string; id: string }>('POST', '/api/keys', {
        body: { role: 'inspector', grids, person, label: `城管通 ${person}` },
      });
      const link = fieldKeyLink(location.origin, made.key);
      drawQr(canvas, link);
      canvas.hidden = false;
      $<HTMLInputElement>('field-key-link').value = link;
      $('field-key-link').hidden = false;
      canvas.dataset.keyId = made.id;
      $('field-key-status').textContent = `cg_${made.id}_…`;
    } catch (e) {
      canvas.hidden = true;
      $('field-key-link').hidden = true;
      $('field-key-status').textContent = (e as Error).message;
    }
  });
}
