import { describe, expect, it } from 'vitest';
import { renderPlainText } from '../../../src/render/plain-text.ts';
import { dispatchPage, parsePushKind } from '../../../src/web/pages/dispatch-view.ts';
import { smallDistrict } from '../../helpers/conversation.ts';
import { viewerOf } from './page-district.ts';

const NOW = '2023-06-30T10:00:00+08:00';

async function reported() {
  const c = await smallDistrict({ now: NOW });
  await c.say('登记签约 再生铝项目 合同额12亿 类型正式合同 日期2022-05-20', { as: 'lisi' });
  await c.say('登记在谈 铝型材项目 投资额8亿 日期2023-01-10', { as: 'lisi' });
  await c.say('登记签约 数字经济产业园 合同额3亿 类型正式合同 日期2022-06-01', { as: 'wangwu' });
  await c.say('发榜 引进一个再生铝龙头项目', { as: 'admin' });
  await c.say('揭榜 1', { as: 'lisi' });
  return c;
}

describe('the 调度 page', () => {
  it("holds chat's 签约未开工, 在谈超期 and 英雄榜 replies, by the viewer's rule of who sees what", async () => {
    const c = await reported();
    const page = dispatchPage(c.store, viewerOf(c, 'lisi'), new Date(NOW));
    expect(renderPlainText(page.notStarted)).toBe(await c.say('签约未开工', { as: 'lisi' }));
    expect(renderPlainText(page.negotiations)).toBe(await c.say('在谈超期', { as: 'lisi' }));
    expect(renderPlainText(page.heroes)).toBe(await c.say('英雄榜', { as: 'lisi' }));
    expect(page.notStarted.table?.rows.map((r) => r[0])).toEqual(['P2022-001']);
    expect(renderPlainText(page.heroes)).toMatch(/引进一个再生铝龙头项目 —— 已揭榜：工业园区管委会/);
    const leader = dispatchPage(c.store, viewerOf(c, 'zhangsan'), new Date(NOW));
    expect(leader.notStarted.table?.rows.map((r) => r[0])).toEqual(['P2022-001', 'P2022-002']);
  });

  it('shows push runs and a preview to admins only', async () => {
    const c = await reported();
    expect(dispatchPage(c.store, viewerOf(c, 'lisi'), new Date(NOW)).pushes).toBeNull();
    expect(dispatchPage(c.store, viewerOf(c, 'zhangsan'), new Date(NOW)).pushes).toBeNull();
    c.store.startPushRun(
      { actor: 'saima', command: 'push', at: new Date(NOW) },
      {
        id: 'monthly@2023-06-01T09:00',
        kind: 'monthly',
        slot: '2023-06-01T09:00:00.000+08:00',
        trigger: 'schedule',
        late: false,
      },
      ['a', 'b'].map((chatId) => ({ platform: 'x', chatId, order: 0, title: 't', body: 'b', image: false })),
    );
    const [first] = c.store.outbox();
    c.store.markOutbox({ actor: 'saima', command: 'push', at: new Date(NOW) }, first?.id ?? '', {
      sent: true,
    });
    const admin = dispatchPage(c.store, viewerOf(c, 'admin'), new Date(NOW), {
      preview: parsePushKind('monthly'),
    });
    expect(admin.pushes?.runs).toEqual([
      {
        kind: '每月通报',
        slot: '2023-06-01 09:00',
        trigger: '定时',
        status: '发送中',
        sent: 1,
        failed: 0,
        pending: 1,
        unknown: 0,
      },
    ]);
    // the preview is what 推送预览 shows in a chat bound to nothing (the district's view)
    const chat = await c.say('推送预览 每月通报', { as: 'admin' });
    const previewed = admin.pushes?.preview?.replies.map(renderPlainText) ?? [];
    expect(previewed.length).toBeGreaterThan(0);
    for (const part of previewed) expect(chat).toContain(part.split('\n').slice(1).join('\n'));
    expect(parsePushKind('nonsense')).toBeNull();
  });
});
