import { decodeUrlencoded } from '../http/decode-urlencoded.ts';

const ATTRIBUTE = /^attribute\[([^\]]+)\](\[\])?$/;

/**
 * An application/x-www-form-urlencoded body as GeoReport v2 sends it: plain fields as strings
 * (a repeated field keeps its last value), and `attribute[code]=value` pairs gathered into
 * `attribute: { code: value }`, a list for `attribute[code][]=…` or a repeated code (the
 * spec's multivaluelist). A field whose bytes are not UTF-8 (a GBK form, `%C0%AF`) throws
 * CG_ERR_NOT_UTF8 naming it: nothing of the form is taken.
 * @example parseForm('service_code=06010&lat=32.69&attribute[WHISPAWN]=123') // { service_code: '06010', lat: '32.69', attribute: { WHISPAWN: '123' } }
 */
export function parseForm(body: Uint8Array | string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attributes: Record<string, string | string[]> = {};
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  for (const [key, value] of decodeUrlencoded(bytes, 'form field')) {
    const m = ATTRIBUTE.exec(key);
    if (!m) {
      // Form keys are arbitrary text: never let one reach the prototype.
      if (key !== '__proto__' && key !== 'constructor' && key !== 'prototype') out[key] = value;
      continue;
    }
    const code = m[1];
    const before = Object.hasOwn(attributes, code) ? attributes[code] : undefined;
    if (m[2] || before !== undefined)
      attributes[code] = [...(before === undefined ? [] : Array.isArray(before) ? before : [before]), value];
    else attributes[code] = value;
  }
  if (Object.keys(attributes).length) out.attribute = attributes;
  return out;
}
