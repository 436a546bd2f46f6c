import { describe, expect, it } from 'vitest';
import { smallDistrict } from '../helpers/conversation.ts';

async function twoAluminiumProjects() {
  const c = await smallDistrict();
  await c.say('登记签约 年产30万吨再生铝项目 合同额12亿 正式合同 日期2023-05-20', { as: 'lisi' });
  await c.say('登记签约 铝灰渣综合利用项目 合同额3亿 正式合同 日期2023-05-21', { as: 'lisi' });
  await c.say('登记在谈 交通工具轻量化原材料基地 日期2023-04-01', { as: 'lisi' });
  return c;
}

describe('a project is named by its 编号, its name or a part of it', () => {
  it('finds by 编号 in any case, by exact name and by a unique part', async () => {
    const { say } = await twoAluminiumProjects();
    expect(await say('查询 p2023-001', { as: 'lisi' })).toMatch(/P2023-001 年产30万吨再生铝项目/);
    expect(await say('查询 铝灰渣综合利用项目', { as: 'lisi' })).toMatch(/P2023-002/);
    expect(await say('查询 再生铝', { as: 'lisi' })).toMatch(/P2023-001/);
  });

  it('offers a numbered list when several match, and takes the number as the answer', async () => {
    const { say, store } = await twoAluminiumProjects();
    const answer = await say('进度 铝 已进场', { as: 'lisi' });
    expect(answer).toMatch(/「铝」对应 2 个项目，请回复序号选择/);
    expect(answer).toMatch(/1\. P2023-001 年产30万吨再生铝项目/);
    expect(answer).toMatch(/2\. P2023-002 铝灰渣综合利用项目/);
    expect(await say('2', { as: 'lisi' })).toMatch(/已记录进展：P2023-002/);
    expect(store.project('P2023-002')?.notes.map((n) => n.text)).toEqual(['已进场']);
  });

  it('says when nothing matches and suggests the closest names', async () => {
    const { say } = await twoAluminiumProjects();
    expect(await say('查询 再生铝灰项目', { as: 'lisi' })).toMatch(
      /没有找到项目「再生铝灰项目」。相近的项目：.*年产30万吨再生铝项目/,
    );
  });

  it('asks before turning a part of a name into a signing of that project', async () => {
    const { say, store } = await twoAluminiumProjects();
    const answer = await say('登记签约 轻量化 合同额2亿 正式合同', { as: 'lisi' });
    expect(answer).toMatch(/1\. P2023-003 交通工具轻量化原材料基地（在谈）/);
    expect(answer).toMatch(/2\. 新建项目「轻量化」/);
    expect(await say('1', { as: 'lisi' })).toMatch(/已登记签约：P2023-003[\s\S]*已有项目转为签约/);
    expect(store.projects()).toHaveLength(3);
  });

  it('creates a new project when the person picks the new-project option', async () => {
    const { say, store } = await twoAluminiumProjects();
    await say('登记签约 轻量化 合同额2亿 正式合同', { as: 'lisi' });
    expect(await say('2', { as: 'lisi' })).toMatch(/已登记签约：P2023-004 轻量化[\s\S]*新建项目/);
    expect(store.projects()).toHaveLength(4);
  });
});
