// Query parameters that may carry a key: Open311's `api_key`, and the usual spellings.
const SECRET_PARAMS = /^(api_?key|key|token|access_?token)$/i;

/**
 * A URL as it may be logged: the values of key-like query parameters replaced by
 * `[redacted]`. citygrid's own routes take keys in headers only, but GeoReport v2 clients
 * send `?api_key=`, and a URL is the one part of a request the log always holds.
 * @example redactUrl('/open311/v2/requests.json?api_key=cg_1_x&x=1') // '/open311/v2/requests.json?api_key=[redacted]&x=1'
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET_PARAMS.test(safeDecode(name)) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${query.join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
