import { describe, expect, it } from 'vitest';
import { colourFor } from '../../src/race/colours.ts';
import { formatPercent } from '../../src/race/format.ts';
import { SETTINGS } from '../../src/race/settings.ts';
import { elapsedFraction } from '../../src/race/time-progress.ts';

const defaults = { bands: SETTINGS.bands.default, direction: 'green-high' as const };

describe('five colours on r = actual ÷ 序时进度', () => {
  it.each([
    [1.2, 'green'],
    [1, 'green'],
    [0.9999, 'blue'],
    [0.9, 'blue'],
    [0.8999, 'yellow'],
    [0.7, 'yellow'],
    [0.6999, 'orange'],
    [0.5, 'orange'],
    [0.4999, 'red'],
    [0, 'red'],
  ])('r = %d is %s', (r, colour) => {
    expect(colourFor(r, defaults)).toBe(colour);
  });

  it('lands exact edges computed in floating point on their band', () => {
    expect(colourFor((0.3 * 3) / 1, defaults)).toBe('blue'); // 0.8999999999999999
    expect(colourFor(7 / 10, defaults)).toBe('yellow');
  });

  it('reverses the scale when red is set as the best colour', () => {
    expect(colourFor(1, { ...defaults, direction: 'red-high' })).toBe('red');
    expect(colourFor(0.1, { ...defaults, direction: 'red-high' })).toBe('green');
  });

  it('follows custom bands', () => {
    expect(colourFor(0.95, { ...defaults, bands: [0.95, 0.85, 0.6, 0.4] })).toBe('green');
  });
});

describe('序时进度', () => {
  it('counts months by the month the date falls in', () => {
    expect(elapsedFraction('2023-06-30', 'months')).toBe(0.5);
    expect(elapsedFraction('2023-01-01', 'months')).toBe(1 / 12);
    expect(elapsedFraction('2023-12-31', 'months')).toBe(1);
  });

  it('counts days with leap years', () => {
    expect(elapsedFraction('2023-07-02', 'days')).toBe(183 / 365);
    expect(elapsedFraction('2024-07-01', 'days')).toBe(183 / 366);
    expect(elapsedFraction('2024-12-31', 'days')).toBe(1);
  });

  it('formats percentages only for display', () => {
    expect(formatPercent(38 / 40)).toBe('95%');
    expect(formatPercent(641_000 / 1_200_000)).toBe('53.4%');
    expect(formatPercent(641_000 / 1_602_500)).toBe('40%');
    expect(formatPercent(null)).toBe('—');
  });
});
