const collator = new Intl.Collator('en', { numeric: true });

/** Natural order of names: ns-2 before ns-10. One collator: creating one per call is slow. */
export const compare = collator.compare;
