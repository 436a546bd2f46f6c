import { describe, expect, it } from 'vitest';
import { parseProjectQuery } from '../../../src/web/pages/projects-query.ts';
import { projectsPage } from '../../../src/web/pages/projects-view.ts';
import { type Conversation, smallDistrict } from '../../helpers/conversation.ts';
import { viewerOf } from './page-district.ts';

const NOW = '2023-06-30T10:00:00+08:00';

async function reported(): Promise<Conversation> {
  const c = await smallDistrict({ now: NOW });
  await c.say(
    '登记签约 年产30万吨再生铝项目 合同额12亿 投资额15亿 投资方某某集团 产业链铝产业 类型正式合同 日期2023-05-20',
    { as: 'lisi' },
  );
  await c.say('登记在谈 铝型材深加工项目 投资额8亿 投资方华峰铝业 产业链铝产业 日期2023-01-10', {
    as: 'lisi',
  });
  await c.say('到位资金 年产30万吨再生铝项目 8000万 凭证银行回单', { as: 'lisi' });
  await c.say('登记签约 数字经济产业园 合同额3亿 投资方某某科技 产业链数字经济 类型正式合同 日期2023-06-01', {
    as: 'wangwu',
  });
  return c;
}

function page(c: Conversation, as: string, params: Record<string, string> = {}) {
  return projectsPage(c.store, viewerOf(c, as), parseProjectQuery(params), new Date(NOW));
}

describe('the 项目 page', () => {
  it("shows a member their own unit's projects, with chat's amounts, dates and lights", async () => {
    const c = await reported();
    expect(await c.say('查询 再生铝', { as: 'lisi' })).toMatch(/签约：2023-05-20 正式合同 12亿元/);
    const p = page(c, 'lisi');
    expect(p.rows.map((r) => [r.id, r.name, r.unit, r.contract, r.signed, r.funds, r.lightLabel])).toEqual([
      [
        'P2023-001',
        '年产30万吨再生铝项目',
        '工业园区管委会',
        '正式合同 12亿元',
        '2023-05-20',
        '8000万元',
        '🟢绿灯',
      ],
      ['P2023-002', '铝型材深加工项目', '工业园区管委会', '', '', '', '🔴红灯'],
    ]);
    expect(await c.say('在谈超期', { as: 'lisi' })).toMatch(/P2023-002 .*🔴红灯/);
    expect(p.total).toBe(2);
  });

  it("never shows a member another unit's project: not in the list, the options, a filter or a search", async () => {
    const c = await reported();
    const wangwusUnit = c.store.unitByName('经济信息委')?.id as string;
    expect(page(c, 'lisi').options.units.map((u) => u.label)).toEqual(['工业园区管委会']);
    expect(page(c, 'lisi').options.chains.map((u) => u.label)).toEqual(['铝产业']);
    expect(page(c, 'lisi', { unit: wangwusUnit }).rows).toEqual([]);
    expect(page(c, 'lisi', { q: '数字经济' }).rows).toEqual([]);
    expect(page(c, 'lisi', { q: 'P2023-003' }).rows).toEqual([]);
    expect(page(c, 'lisi', { q: '某某科技' }).visible).toBe(2);
    // the leader sees every unit's
    expect(page(c, 'zhangsan').rows.map((r) => r.id)).toEqual(['P2023-001', 'P2023-002', 'P2023-003']);
    expect(page(c, 'zhangsan', { unit: wangwusUnit }).rows.map((r) => r.id)).toEqual(['P2023-003']);
  });

  it('narrows by chain, stage, light, 重大 and text, and sorts by each column both ways', async () => {
    const c = await reported();
    const ids = (params: Record<string, string>) => page(c, 'zhangsan', params).rows.map((r) => r.id);
    expect(ids({ chain: '数字经济' })).toEqual(['P2023-003']);
    expect(ids({ stage: '在谈' })).toEqual(['P2023-002']);
    expect(ids({ light: 'red' })).toEqual(['P2023-002']);
    expect(ids({ light: 'green' })).toEqual(['P2023-001', 'P2023-003']);
    expect(ids({ major: '1' })).toEqual(['P2023-001']);
    expect(ids({ q: '华峰' })).toEqual(['P2023-002']);
    expect(ids({ q: 'p2023-003' })).toEqual(['P2023-003']);
    expect(ids({ q: '铝', stage: '签约' })).toEqual(['P2023-001']);
    expect(ids({ sort: 'amount', dir: 'desc' })).toEqual(['P2023-001', 'P2023-003', 'P2023-002']);
    expect(ids({ sort: 'amount' })).toEqual(['P2023-003', 'P2023-001', 'P2023-002']);
    expect(ids({ sort: 'signed', dir: 'desc' })).toEqual(['P2023-003', 'P2023-001', 'P2023-002']);
    expect(ids({ sort: 'funds', dir: 'desc' })).toEqual(['P2023-001', 'P2023-002', 'P2023-003']);
    expect(ids({ sort: 'light' })).toEqual(['P2023-002', 'P2023-001', 'P2023-003']);
    // names in pinyin order, as a Chinese reader looks for them: lǚ, nián, shù
    expect(ids({ sort: 'name' })).toEqual(['P2023-002', 'P2023-001', 'P2023-003']);
    expect(ids({ sort: 'id', dir: 'desc' })).toEqual(['P2023-003', 'P2023-002', 'P2023-001']);
  });

  it('cuts the list into pages of 50 on the server, with links that keep the filters', async () => {
    const c = await smallDistrict({ now: NOW });
    for (let i = 1; i <= 120; i++)
      await c.say(`登记在谈 测试项目${i} 投资额1亿 产业链铝产业 日期2023-06-01`, { as: 'lisi' });
    await c.say('登记在谈 别的单位项目 投资额1亿 产业链铝产业 日期2023-06-01', { as: 'wangwu' });
    const first = page(c, 'lisi', { chain: '铝产业' });
    expect([first.total, first.pages, first.rows.length]).toEqual([120, 3, 50]);
    expect(first.prev).toBeNull();
    expect(first.next).toBe('/web/projects?chain=%E9%93%9D%E4%BA%A7%E4%B8%9A&page=2');
    expect(first.links.map((l) => [l.page, l.current])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    const last = page(c, 'lisi', { chain: '铝产业', page: '3' });
    expect(last.rows.map((r) => r.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `P2023-${String(101 + i).padStart(3, '0')}`),
    );
    // a page past the end is the last; nonsense is the first
    expect(page(c, 'lisi', { page: '99' }).page).toBe(3);
    expect(page(c, 'lisi', { page: 'x' }).page).toBe(1);
    expect(page(c, 'lisi', { sort: 'drop table' }).query.sort).toBe('id');
  });

  it('sees a new report at once', async () => {
    const c = await reported();
    expect(page(c, 'lisi').rows[0]?.funds).toBe('8000万元');
    await c.say('到位资金 年产30万吨再生铝项目 2000万 凭证银行回单', { as: 'lisi' });
    expect(page(c, 'lisi').rows[0]?.funds).toBe('1亿元');
  });
});
