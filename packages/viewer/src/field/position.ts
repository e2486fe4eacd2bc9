/** A position as the phone reported it: degrees in `crs`, accuracy in metres, UTC ms. */
export interface Fix {
  lon: number;
  lat: number;
  accuracy: number | null;
  at: number;
  crs: 'wgs84' | 'gcj02';
}

/**
 * The coordinate system the browser's positions are in: WeChat's built-in browser may hand out
 * GCJ-02 (its maps are Tencent's), every other browser WGS84.
 * @example positionCrs('Mozilla/5.0 … MicroMessenger/8.0.47') // 'gcj02'
 */
export function positionCrs(userAgent: string): 'wgs84' | 'gcj02' {
  return /MicroMessenger/i.test(userAgent) ? 'gcj02' : 'wgs84';
}

/**
 * One fresh position from the phone (high accuracy, no cached fix older than `maxAgeMs`).
 * @example const fix = await currentFix(); fix.accuracy // 12
 */
export function currentFix(maxAgeMs = 10_000, timeoutMs = 20_000): Promise<Fix> {
  const crs = positionCrs(navigator.userAgent);
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new Error('this browser gives no position'));
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lon: p.coords.longitude,
          lat: p.coords.latitude,
          accuracy: Number.isFinite(p.coords.accuracy) ? Math.round(p.coords.accuracy) : null,
          at: p.timestamp || Date.now(),
          crs,
        }),
      (e) => reject(new Error(e.message || `position error ${e.code}`)),
      { enableHighAccuracy: true, maximumAge: maxAgeMs, timeout: timeoutMs },
    );
  });
}
