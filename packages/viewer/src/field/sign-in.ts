// The inspector's key lives in localStorage, not sessionStorage as on the desk: the phone is
// personal, and an installed app closed at night must open signed in at the next shift, offline.
const KEY = 'citygrid.field.apiKey';
const KEY_FORM = /cg_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}/;

/** The stored key, or ''. */
export function fieldKey(): string {
  return localStorage.getItem(KEY) ?? '';
}

/** Stores a key ('' signs out). */
export function setFieldKey(key: string): void {
  if (key) localStorage.setItem(KEY, key);
  else localStorage.removeItem(KEY);
}

/**
 * The key in a pasted or scanned text: the bare key, or a link carrying it (`…/m#key=cg_…`).
 * @example keyIn('https://city.example/m#key=cg_3f2a9c01d4e7_Vb3xxxxxxxxxxxxxxxxxxxxxx') // 'cg_3f2a9c01d4e7_Vb3…'
 */
export function keyIn(text: string): string | null {
  return KEY_FORM.exec(text)?.[0] ?? null;
}

/**
 * Scans a QR code with the back camera where the browser can (BarcodeDetector: Chrome on
 * Android), resolving with its text; null where it cannot, so the page hides the button.
 */
export function qrScanner(video: HTMLVideoElement): (() => Promise<string>) | null {
  const Detector = (globalThis as { BarcodeDetector?: new (o: object) => { detect(v: HTMLVideoElement): Promise<{ rawValue: string }[]> } })
    .BarcodeDetector;
  if (!Detector || !navigator.mediaDevices?.getUserMedia) return null;
  return async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const detector = new Detector({ formats: ['qr_code'] });
    try {
      for (;;) {
        const [code] = await detector.detect(video);
        if (code?.rawValue) return code.rawValue;
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      for (const track of stream.getTracks()) track.stop();
      video.hidden = true;
    }
  };
}
