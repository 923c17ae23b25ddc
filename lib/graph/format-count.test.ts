import { describe, expect, it } from 'vitest';
import { formatCount } from './format-count';

describe('formatCount: thousands separators without Intl', () => {
  it.each([0, 1, 7, 42, 999, 1000, 1001, 9999, 12345, 100000, 999999, 1000000, 1234567, 2e9])(
    '%i as toLocaleString("en") writes it',
    (n) => {
      expect(formatCount(n)).toBe(n.toLocaleString('en'));
    },
  );

  it('drops a fraction', () => {
    expect(formatCount(1234.9)).toBe('1,234');
  });
});
