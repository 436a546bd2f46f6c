import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULES } from '../../src/domain/push-kinds.ts';
import { readSettings } from '../../src/race/settings.ts';
import { openTestStore } from '../helpers/test-store.ts';

describe('settings stored before a new push kind existed', () => {
  it('keep their push times and take the default for 报送提醒', async () => {
    const store = await openTestStore();
    const { reminder: _new, ...older } = { ...DEFAULT_SCHEDULES, halfMonth: '0 10 1,16 * *' };
    store.setSettings(
      { actor: 'admin', command: 'test', at: new Date() },
      { pushSchedules: older },
      '推送时间',
    );
    const schedules = readSettings(store).pushSchedules;
    expect(schedules.halfMonth).toBe('0 10 1,16 * *');
    expect(schedules.reminder).toBe('0 16 15,L * *');
  });
});

describe('settings read once per change of them', () => {
  const meta = (n: number) => ({
    actor: 'admin',
    command: 'test',
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  });

  it('are read again after a setting changes, and after 撤销 takes the change back', async () => {
    const store = await openTestStore();
    expect(readSettings(store).boardSize).toBe(3);
    store.setSettings(meta(1), { boardSize: 5 }, '红黑榜人数');
    expect(readSettings(store).boardSize).toBe(5);
    store.setSettings(meta(2), { negotiationMonths: 4 }, '在谈期限');
    expect(readSettings(store)).toMatchObject({ boardSize: 5, negotiationMonths: 4 });
    store.undoLast(meta(3), 60_000);
    expect(readSettings(store)).toMatchObject({ boardSize: 5, negotiationMonths: 3 });
  });

  it('are frozen: a caller cannot change what the next caller reads', async () => {
    const store = await openTestStore();
    const settings = readSettings(store);
    expect(() => {
      (settings as { boardSize: number }).boardSize = 10;
    }).toThrow(TypeError);
    expect(() => {
      (settings.weights as { contractAmount: number }).contractAmount = 0;
    }).toThrow(TypeError);
    expect(readSettings(store).weights.contractAmount).toBe(40);
  });
});
