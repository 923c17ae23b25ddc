/**
 * A count with thousands separators, as `toLocaleString('en')` writes it (12,345), without
 * Intl: the first Intl use in a browser tab loads locale data (12–40 ms), which the Graph page
 * would otherwise pay while it loads.
 */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
