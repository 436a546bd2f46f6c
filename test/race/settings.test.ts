import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULES } from '../../src/domain/push-kinds.ts';
import { readSettings } from '../../src/race/settings.ts';
import { MemoryPersistence } from '../../storage/persistence.ts';
import { Store } from '../../storage/store.ts';

describe('settings stored before a new push kind existed', () => {
  it('keep their push times and take the default for 报送提醒', async () => {
    const store = await Store.open(new MemoryPersistence());
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
