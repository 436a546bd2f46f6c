import { describe, expect, it } from 'vitest';
import { changeableBy, visibleTo } from '../../src/domain/visibility.ts';
import { pushContent } from '../../src/push/push-content.ts';
import { raceView } from '../../src/race/race-context.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { type Conversation, smallDistrict } from '../helpers/conversation.ts';

const NOW = '2023-06-30T10:00:00+08:00';

/**
 * 李四 (工业园区管委会) has two aluminium projects. In the world "with secrets", 王五's unit
 * (经济信息委) also has two projects, registered after 李四's so every 编号 李四 can see is the same in
 * both worlds; one of them is tagged with 李四's favourite chain word.
 */
async function district(withSecrets: boolean): Promise<Conversation> {
  const c = await smallDistrict({ now: NOW });
  await c.say('登记签约 年产30万吨再生铝项目 合同额12亿 正式合同 日期2023-05-20', { as: 'lisi' });
  await c.say('登记在谈 铝灰渣综合利用项目 日期2023-03-01', { as: 'lisi' });
  if (withSecrets) {
    await c.say('登记签约 秘密铝箔深加工项目 合同额8.88亿 正式合同 日期2023-05-25 产业链铝产业 负责人王五', {
      as: 'wangwu',
    });
    await c.say('登记在谈 保密电池材料基地 投资额6.66亿 负责人李四 日期2023-01-10', { as: 'wangwu' });
    await c.say('到位资金 秘密铝箔深加工项目 3333万', { as: 'wangwu' });
    await c.say('问题 秘密铝箔深加工项目 用地 厂房选址未定', { as: 'wangwu' });
  }
  return c;
}

/** What names 王五's projects: never shown to 李四 unless he typed it himself. */
const NAMES = ['P2023-003', 'P2023-004', '秘密铝箔深加工项目', '保密电池材料基地', '厂房选址'];
/** Their amounts: a unit's or the district's totals may contain them, nothing else may. */
const AMOUNTS = ['8.88', '6.66', '3333'];

/**
 * Each row is what a member might send to learn about another unit's projects. `same`: the answer
 * must be byte for byte the one 李四 gets when those projects do not exist; otherwise (rankings,
 * totals, a new project of his own) it must at least name none of them.
 */
const ATTACKS: Array<{ say: string[]; same: boolean }> = [
  { say: ['查询 P2023-003'], same: true },
  { say: ['查询 p2023-004'], same: true },
  { say: ['查询 秘密铝箔深加工项目'], same: true },
  { say: ['查询 铝箔'], same: true },
  { say: ['查询 秘密铝箔深加功项目'], same: true },
  { say: ['查询 铝'], same: true },
  { say: ['秘密铝箔深加工项目进展如何'], same: true },
  { say: ['保密电池进展'], same: true },
  { say: ['进度 P2023-003 已进场'], same: true },
  { say: ['进度 秘密铝箔深加工项目 已进场'], same: true },
  { say: ['进度 铝 已进场', '3'], same: true },
  { say: ['进度 电池材料 已进场'], same: true },
  { say: ['到位资金 P2023-003 100万'], same: true },
  { say: ['到位资金 秘密铝箔 100万'], same: true },
  { say: ['登记开工 P2023-003 建安类 日期2023-06-01'], same: true },
  { say: ['登记开工 秘密铝箔深加工项目 建安类'], same: true },
  { say: ['问题 P2023-003 用地 谁的地'], same: true },
  { say: ['问题 保密电池材料基地 资金 缺钱'], same: true },
  { say: ['终止项目 P2023-004 原因企业战略调整'], same: true },
  { say: ['终止项目 保密电池材 原因企业战略调整'], same: true },
  { say: ['修改 P2023-003 合同额1亿'], same: true },
  { say: ['登记签约 P2023-004 合同额1亿 正式合同'], same: true },
  { say: ['登记在谈 P2023-003'], same: true },
  { say: ['登记签约 保密电池材料基地 合同额1亿 正式合同'], same: false },
  { say: ['登记签约 电池 合同额1亿 正式合同'], same: false },
  { say: ['撤销'], same: true },
  { say: ['我的项目'], same: true },
  { say: ['签约未开工'], same: true },
  { say: ['在谈超期'], same: true },
  { say: ['专班进度 铝产业'], same: true },
  { say: ['帮助'], same: true },
  { say: ['帮助 查询'], same: true },
  { say: ['单位进度 经济信息委'], same: false },
  { say: ['全区进度'], same: false },
  { say: ['本月晾晒'], same: false },
];

async function answers(withSecrets: boolean, messages: string[]): Promise<string[]> {
  const c = await district(withSecrets);
  const out: string[] = [];
  for (const m of messages) out.push(await c.say(m, { as: 'lisi' }));
  return out;
}

describe('a member sees nothing of another unit’s projects', () => {
  it.each(ATTACKS)('李四 sends $say and learns nothing of 王五’s projects', async ({ say, same }) => {
    const withSecrets = await answers(true, say);
    const typed = say.join(' ');
    const secrets = (same ? [...NAMES, ...AMOUNTS] : NAMES).filter((s) => !typed.includes(s));
    for (const answer of withSecrets) for (const secret of secrets) expect(answer).not.toContain(secret);
    if (same) expect(withSecrets).toEqual(await answers(false, say));
  });

  it('answers a member naming another unit’s project exactly as for a project that does not exist', async () => {
    const c = await district(true);
    const other = await c.say('查询 P2023-003', { as: 'lisi' });
    const none = await c.say('查询 P2023-099', { as: 'lisi' });
    expect(other.replace('P2023-003', 'P2023-099')).toBe(none);
  });

  it('creates the member’s own project rather than reveal that another unit uses the name', async () => {
    const c = await district(true);
    const answer = await c.say('登记签约 保密电池材料基地 合同额1亿 正式合同', { as: 'lisi' });
    expect(answer).toMatch(/已登记签约：P2023-005 保密电池材料基地[\s\S]*新建项目/);
    expect(c.store.project('P2023-004')?.stage).toBe('在谈');
    expect(c.store.project('P2023-005')?.unitId).toBe(c.store.unitByName('工业园区管委会')?.id);
  });

  it('lets leaders read everything, and offers them every project of the same name', async () => {
    const c = await district(true);
    await c.say('登记签约 保密电池材料基地 合同额1亿 正式合同', { as: 'lisi' });
    expect(await c.say('查询 P2023-003', { as: 'zhangsan' })).toMatch(/秘密铝箔深加工项目[\s\S]*8.88亿/);
    const both = await c.say('查询 保密电池材料基地', { as: 'zhangsan' });
    expect(both).toMatch(/对应 2 个项目[\s\S]*1\. P2023-004[\s\S]*2\. P2023-005/);
  });
});

describe('a task force opens its projects to its own units', () => {
  async function withChain() {
    const c = await district(true);
    await c.say('添加单位 正阳镇 类型镇街');
    await c.say('添加成员 赵六 账号zhaoliu 单位正阳镇 角色成员');
    await c.say('设置专班 铝产业 链长张三 牵头单位经济信息委 成员单位工业园区管委会');
    await c.say('修改 P2023-001 产业链铝产业');
    await c.say('登记签约 正阳铝型材项目 合同额2亿 正式合同 日期2023-06-01 产业链铝产业', { as: 'zhaoliu' });
    return c;
  }

  it('lets a member unit read the lead unit’s chain project, but not change it', async () => {
    const c = await withChain();
    expect(await c.say('查询 P2023-003', { as: 'lisi' })).toMatch(/秘密铝箔深加工项目/);
    expect(await c.say('进度 P2023-003 已进场', { as: 'lisi' })).toMatch(
      /项目「秘密铝箔深加工项目」属于经济信息委，您只能登记和修改本单位的项目/,
    );
    expect(c.store.project('P2023-003')?.notes).toHaveLength(0);
    const chain = await c.say('专班进度 铝产业', { as: 'lisi' });
    expect(chain).toMatch(/P2023-001 年产30万吨再生铝项目/);
    expect(chain).toMatch(/P2023-003 秘密铝箔深加工项目/);
    expect(chain).not.toMatch(/正阳铝型材/);
    expect(chain).toMatch(/另有 1 个项目属于您看不到的单位/);
    expect(await c.say('查询 P2023-004', { as: 'lisi' })).toMatch(/没有找到项目「P2023-004」/);
  });

  it('never lets anyone change a project they cannot read', async () => {
    const c = await withChain();
    const projects = c.store.projects();
    const units = [null, ...c.store.units().map((u) => u.id)];
    for (const role of ['member', 'leader', 'admin'] as const) {
      for (const unitId of units) {
        const canRead = visibleTo(c.store, { role, unitId });
        const canChange = changeableBy({ role, unitId });
        for (const p of projects)
          if (canChange(p)) expect(canRead(p), `${role} ${unitId} ${p.id}`).toBe(true);
      }
    }
    // the district has projects a member can read but not change, so the check above had something to hold
    const lisi = { role: 'member' as const, unitId: c.store.memberByAccount('lisi')?.unitId ?? null };
    expect(projects.some((p) => visibleTo(c.store, lisi)(p) && !changeableBy(lisi)(p))).toBe(true);
  });

  it('keeps a chain’s projects from a unit outside it, even one that tagged its own project with the chain', async () => {
    const c = await withChain();
    const outside = await c.say('专班进度 铝产业', { as: 'zhaoliu' });
    expect(outside).toMatch(/正阳铝型材项目/);
    expect(outside).not.toMatch(/秘密铝箔|再生铝项目/);
    expect(await c.say('查询 P2023-003', { as: 'zhaoliu' })).toMatch(/没有找到项目「P2023-003」/);
  });

  it('pushes a chain group only the chain units’ projects', async () => {
    const c = await withChain();
    const view = raceView(c.store, new Date(NOW));
    const scope = { kind: 'chain', chain: '铝产业' } as const;
    const pushed = [
      ...pushContent('halfMonth', view, scope).replies,
      ...pushContent('monthly', view, scope).replies,
      ...pushContent('deadlines', view, scope).replies,
    ]
      .map(renderPlainText)
      .join('\n');
    expect(pushed).toMatch(/P2023-003\s+秘密铝箔深加工项目/);
    expect(pushed).not.toMatch(/正阳铝型材/);
    const unknown = pushContent('halfMonth', view, { kind: 'chain', chain: '无人专班' }).replies;
    expect(renderPlainText(unknown[0] as never)).toMatch(/新签正式合同 0 个/);
  });
});
