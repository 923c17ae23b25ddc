import { describe, expect, it } from 'vitest';
import { asciiJson } from './ascii-json';

describe('asciiJson: JSON in ASCII only', () => {
  const value = {
    explain: 'binds User ada — grants in every namespace',
    label: 'café · naïve → ü',
    emoji: 'a 😀 b',
    plain: 'ns-1',
    del: 'a\u007fb',
    nested: [{ text: '“quoted”' }, 42, null, true],
  };

  it('writes no character beyond ASCII', () => {
    expect(asciiJson(value)).toMatch(/^[\x20-\x7e]*$/);
  });

  it('parses back to the same value, surrogate pairs included', () => {
    expect(JSON.parse(asciiJson(value))).toEqual(value);
  });

  it('leaves ASCII JSON as JSON.stringify writes it', () => {
    const plain = { a: 'x', b: [1, 2], c: 'quote " and backslash \\' };
    expect(asciiJson(plain)).toBe(JSON.stringify(plain));
  });

  it('escapes an em dash as \\u2014', () => {
    expect(asciiJson('a — b')).toBe('"a \\u2014 b"');
  });
});
