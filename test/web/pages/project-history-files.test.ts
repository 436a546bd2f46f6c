import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectHistoryIndex } from '../../../src/web/pages/project-history-index.ts';
import { JournalTap } from '../../../src/web/pages/project-journal-tap.ts';
import { projectPage } from '../../../src/web/pages/project-view.ts';
import { FilePersistence } from '../../../storage/file-persistence.ts';
import { journalRecords } from '../../../storage/journal-audit.ts';
import { conversation, smallDistrict } from '../../helpers/conversation.ts';
import { viewerOf } from './page-district.ts';

const NOW = '2023-06-30T10:00:00+08:00';

describe("a project's history over a data directory", () => {
  it('reads the archived journal once, then follows what is reported after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-history-'));
    const first = await smallDistrict({
      now: NOW,
      persistence: new FilePersistence(dir, { snapshotEvery: 3, rotateAtBytes: 0 }),
    });
    await first.say('登记签约 再生铝项目 合同额12亿 类型正式合同 日期2023-05-20', { as: 'lisi' });
    for (let i = 1; i <= 6; i++) await first.say(`进度 再生铝项目 第${i}次调度`, { as: 'lisi' });
    await first.store.close();
    expect(readdirSync(join(dir, 'journal-archive')).length).toBeGreaterThan(0);

    const history = new ProjectHistoryIndex(() => journalRecords(dir));
    const c = await conversation({
      now: NOW,
      persistence: new JournalTap(new FilePersistence(dir), history),
    });
    // the server reads the journal at start, before anyone opens a project
    await history.prepare();
    expect(history.builds).toBe(1);
    const open = async () =>
      (await projectPage(c.store, viewerOf(c, 'lisi'), 'P2023-001', new Date(NOW), history))?.history ?? [];
    expect((await open()).map((h) => h.text)).toEqual([
      ...Array.from({ length: 6 }, (_, i) => `进度 再生铝项目 第${6 - i}次调度`),
      '登记签约 再生铝项目 合同额12亿 类型正式合同 日期2023-05-20',
    ]);
    c.setNow('2023-07-01T09:00:00+08:00');
    await c.say('到位资金 再生铝项目 3000万 凭证银行回单', { as: 'lisi' });
    const after = await open();
    expect(after[0]).toMatchObject({
      time: '2023-07-01 09:00',
      person: '李四（lisi）',
      changes: ['新增到位资金：2023-07-01 3000万元（银行回单）'],
    });
    expect(after).toHaveLength(8);
    expect(history.builds).toBe(1);
    await c.store.close();
  });
});
