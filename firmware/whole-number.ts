/** A non-negative decimal integer of at most 9 digits, or -1 (no sign, no spaces, no exponent). */
export function toInt(s: string): number {
  if (s.length < 1 || s.length > 9) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}
