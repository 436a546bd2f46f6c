import { describe, expect, it } from 'vitest';
import { jsonLogger } from '../../src/core/logger.ts';

describe('the log', () => {
  it('stamps each line in Beijing time with its offset, so 23:55 in the office reads 23:55', () => {
    const lines: string[] = [];
    const logger = jsonLogger(
      (l) => lines.push(l),
      () => new Date('2026-11-29T15:55:01.123Z'),
    );
    logger.warn('dingtalk_refused', { failure: 'bad-sign' });
    expect(JSON.parse(lines[0] as string)).toEqual({
      time: '2026-11-29T23:55:01.123+08:00',
      level: 'warn',
      event: 'dingtalk_refused',
      failure: 'bad-sign',
    });
  });

  it('keeps the date of the Beijing day just after midnight', () => {
    const lines: string[] = [];
    jsonLogger(
      (l) => lines.push(l),
      () => new Date('2026-12-31T16:00:00.000Z'),
    ).info('started');
    expect(JSON.parse(lines[0] as string).time).toBe('2027-01-01T00:00:00.000+08:00');
  });
});
