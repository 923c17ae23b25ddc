let collator: Intl.Collator | undefined;

/**
 * Natural order of names: ns-2 before ns-10. One collator, made on first use: creating one per
 * call is slow, and so is the first in a browser tab (12–40 ms to load the locale data),
 * which the Graph page, whose browser code never sorts, would otherwise pay while it loads.
 */
export function compare(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true });
  return collator.compare(a, b);
}
