import { describe, expect, it } from 'vitest';
import { selectorMatches } from './label-selector';
import type { LabelSelector } from './types';

describe('selectorMatches', () => {
  const labels = { a: '1', b: '2' };
  const cases: [string, LabelSelector, boolean][] = [
    ['empty selector matches everything', {}, true],
    ['matchLabels equal', { matchLabels: { a: '1' } }, true],
    ['matchLabels all must hold', { matchLabels: { a: '1', b: '3' } }, false],
    ['matchLabels missing key', { matchLabels: { c: '1' } }, false],
    ['In', { matchExpressions: [{ key: 'a', operator: 'In', values: ['0', '1'] }] }, true],
    ['In, other value', { matchExpressions: [{ key: 'a', operator: 'In', values: ['0'] }] }, false],
    [
      'In, missing label',
      { matchExpressions: [{ key: 'z', operator: 'In', values: ['1'] }] },
      false,
    ],
    ['NotIn', { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['0'] }] }, true],
    [
      'NotIn, value listed',
      { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] },
      false,
    ],
    [
      'NotIn matches a missing label',
      { matchExpressions: [{ key: 'z', operator: 'NotIn', values: ['1'] }] },
      true,
    ],
    ['Exists', { matchExpressions: [{ key: 'b', operator: 'Exists' }] }, true],
    ['Exists, missing', { matchExpressions: [{ key: 'z', operator: 'Exists' }] }, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'z', operator: 'DoesNotExist' }] }, true],
    [
      'DoesNotExist, present',
      { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] },
      false,
    ],
    [
      'labels and expressions together',
      { matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'In', values: ['2'] }] },
      true,
    ],
  ];
  it.each(cases)('%s', (_n, selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
  it('treats missing labels as none', () => {
    expect(selectorMatches({ matchLabels: { a: '1' } }, undefined)).toBe(false);
    expect(selectorMatches({}, undefined)).toBe(true);
  });
});
