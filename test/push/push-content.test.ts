import { describe, expect, it } from 'vitest';
import { pushContent } from '../../src/push/push-content.ts';
import { raceView } from '../../src/race/race-context.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { smallDistrict } from '../helpers/conversation.ts';

async function district() {
  const c = await smallDistrict({ now: '2023-07-01T09:00:00+08:00' });
  await c.say('添加成员 赵七 账号zhaoqi 单位工业园区管委会 角色成员');
  await c.say('设置目标 工业园区管委会 2023年 市级目标 签约个数4');
  await c.say('设置目标 经济信息委 2023年 市级目标 签约个数4');
  c.setNow('2023-06-20T10:00:00+08:00');
  await c.say('登记签约 再生铝项目 合同额3亿 正式合同 日期2023-06-20 开工期限2023-06-25', { as: 'lisi' });
  await c.say('进度 再生铝项目 已进场', { as: 'lisi' });
  await c.say('登记签约 预制菜项目 合同额1亿 正式合同 日期2023-06-01', { as: 'wangwu' });
  c.setNow('2023-07-01T09:00:00+08:00');
  return c;
}

const text = (replies: ReturnType<typeof pushContent>['replies']) => replies.map(renderPlainText).join('\n');

describe('what each group receives', () => {
  it('半月调度: what moved, what is overdue, who did not report — by scope', async () => {
    const c = await district();
    const view = raceView(c.store, new Date('2023-07-01T09:00:00+08:00'));
    const all = text(pushContent('halfMonth', view, { kind: 'district' }).replies);
    expect(all).toMatch(/新签正式合同 1 个（3亿元）/);
    expect(all).toMatch(/🔴红灯 P2023-001 再生铝项目：已超过约定开工期限 6 天/);
    expect(all).toMatch(/半个月未报进展：经济信息委/);
    const park = c.store.unitByName('工业园区管委会')?.id as string;
    const mine = text(pushContent('halfMonth', view, { kind: 'unit', unitId: park }).replies);
    expect(mine).toMatch(/半个月未报进展：赵七/);
    expect(mine).not.toMatch(/预制菜/);
  });

  it('每月通报: the district gets last month’s full ranking and the 调度清单; a unit its own standing', async () => {
    const c = await district();
    const view = raceView(c.store, new Date('2023-07-01T09:00:00+08:00'));
    const all = text(pushContent('monthly', view, { kind: 'district' }).replies);
    expect(all).toMatch(/2023年6月通报[\s\S]*名次[\s\S]*工业园区管委会[\s\S]*经济信息委/);
    expect(all).toMatch(/项目调度清单：签约未开工 2 个/);
    const park = c.store.unitByName('工业园区管委会')?.id as string;
    const mine = text(pushContent('monthly', view, { kind: 'unit', unitId: park }).replies);
    expect(mine).toMatch(/本单位综合完成率 50%，🟧橙，第 1 名（按「市级目标」目标）/);
    expect(mine).toMatch(/签约未开工 1 个/);
  });

  it('季度晾晒 carries the picture; 到期预警 tells units of yellow and red, the district of red only', async () => {
    const c = await district();
    const view = raceView(c.store, new Date('2023-07-01T09:00:00+08:00'));
    expect(pushContent('quarterly', view, { kind: 'district' }).picture).toEqual({
      title: '2023年第2季度晾晒 五色图',
      asOf: '2023-06-30',
    });
    expect(text(pushContent('deadlines', view, { kind: 'district' }).replies)).toMatch(
      /到期预警（全区）：1 个项目/,
    );
    const economy = c.store.unitByName('经济信息委')?.id as string;
    expect(pushContent('deadlines', view, { kind: 'unit', unitId: economy }).replies).toHaveLength(0);
  });

  it('半月调度 counts every overdue project before it lists the first 15', async () => {
    const c = await smallDistrict({ now: '2023-06-20T10:00:00+08:00' });
    for (let i = 1; i <= 17; i++) {
      await c.say(`登记签约 项目${i}号 合同额1亿 正式合同 日期2023-06-01 开工期限2023-06-10`, { as: 'lisi' });
    }
    const view = raceView(c.store, new Date('2023-07-01T09:00:00+08:00'));
    const all = text(pushContent('halfMonth', view, { kind: 'district' }).replies);
    expect(all).toMatch(/超期项目共 17 个，仅列前 15 个/);
    expect(all.match(/🔴红灯 P2023-/g)).toHaveLength(15);
  });

  it('a 框架协议 past its start deadline is neither in 到期预警 nor in the 调度清单; a 正式合同 is in both', async () => {
    const c = await smallDistrict({ now: '2023-06-20T10:00:00+08:00' });
    await c.say('登记签约 框架项目 合同额1亿 类型框架协议 日期2023-06-01 开工期限2023-06-10', { as: 'lisi' });
    await c.say('登记签约 正式项目 合同额1亿 类型正式合同 日期2023-06-01 开工期限2023-06-10', { as: 'lisi' });
    c.setNow('2023-06-21T09:00:00+08:00');
    const view = raceView(c.store, new Date('2023-06-21T09:00:00+08:00'));
    const warnings = text(pushContent('deadlines', view, { kind: 'district' }).replies);
    const list = await c.say('签约未开工');
    expect(warnings).toMatch(/正式项目：已超过约定开工期限/);
    expect(list).toMatch(/正式项目/);
    expect(warnings).not.toMatch(/框架项目/);
    expect(list).not.toMatch(/框架项目/);
  });
});
