// The WGS84 ellipsoid, the one home of its constants. CGCS2000 differs only in the
// flattening's 11th digit (1/298.257222101), 0.1 mm in the semi-minor axis: irrelevant to
// every area and distance here, so CGCS2000 input is measured with these too.

/** Semi-major axis in metres. */
export const WGS84_A = 6378137;
/** Flattening. */
export const WGS84_F = 1 / 298.257223563;
/** First eccentricity squared, f·(2 − f). */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** Radians per degree. */
export const RAD = Math.PI / 180;
