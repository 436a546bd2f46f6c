import { describe, expect, it } from 'vitest';
import { type Attempted, countMarkers, percentile, tally } from '../../scripts/soak/tally.ts';

const message = (marker: string, fields: Partial<Attempted> = {}): Attempted => ({
  marker,
  platform: 'dingtalk',
  attempts: 1,
  ackMs: 10,
  deliveredMs: 10,
  answer: null,
  ...fields,
});

describe('the soak tally', () => {
  it('calls an acknowledged report that is not stored lost, and one stored twice doubled', () => {
    const stored = countMarkers(
      ['现场推进Kab-000001', '凭证Kab-000002', '凭证Kab-000002', 'other'],
      /Kab-\d{6}/,
    );
    const t = tally([message('Kab-000001'), message('Kab-000002'), message('Kab-000003')], stored);
    expect(t).toMatchObject({ sent: 3, acknowledged: 3, storedOnce: 1, lost: 1, doubled: 1 });
    expect(t.lostMarkers).toEqual(['dingtalk:Kab-000003']);
    expect(t.doubledMarkers).toEqual(['dingtalk:Kab-000002']);
  });

  it('does not call a report lost when it was never acknowledged, or refused with an answer', () => {
    const t = tally(
      [
        message('Kab-000001', { ackMs: null, deliveredMs: null, attempts: 8 }),
        message('Kab-000002', { answer: 'refused' }),
        message('Kab-000003', { ackMs: null, deliveredMs: null, attempts: 2 }),
      ],
      new Map([['Kab-000003', 1]]),
    );
    expect(t).toMatchObject({
      acknowledged: 1,
      lost: 0,
      refused: 1,
      neverAcknowledged: 2,
      neverAcknowledgedButStored: 1,
      attempts: 11,
    });
  });

  it('takes nearest-rank percentiles of the acknowledged requests only', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(99);
    const t = tally([message('Ka-000001', { ackMs: 7 }), message('Ka-000002', { ackMs: null })], new Map());
    expect([t.ackP50, t.ackP99]).toEqual([7, 7]);
  });
});
