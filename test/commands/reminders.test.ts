import { describe, expect, it } from 'vitest';
import { pushContent } from '../../src/push/push-content.ts';
import { raceView } from '../../src/race/race-context.ts';
import { smallDistrict } from '../helpers/conversation.ts';

const silentInPark = (c: Awaited<ReturnType<typeof smallDistrict>>) => {
  const park = c.store.unitByName('工业园区管委会');
  const content = pushContent('reminder', raceView(c.store, c.clock.now()), {
    kind: 'unit',
    unitId: park?.id ?? '',
  });
  return content.mention?.people.map((p) => p.account) ?? [];
};

describe('members answer 本期无进展 to be counted as reported', () => {
  it('counts once in the period, says so when said again, and 撤销 takes it back', async () => {
    const c = await smallDistrict({ now: '2026-11-15T10:00:00+08:00' });
    expect(silentInPark(c)).toEqual(['lisi']);
    expect(await c.say('本期无进展', { as: 'lisi' })).toMatch(/已登记：本期（2026-11-01 起）无进展/);
    expect(silentInPark(c)).toEqual([]);
    const seq = c.store.seq;
    expect(await c.say('本期无进展', { as: 'lisi' })).toMatch(/本期（2026-11-01 起）已登记过「本期无进展」/);
    expect(c.store.seq).toBe(seq);
    expect(await c.say('撤销', { as: 'lisi' })).toMatch(/已撤销：本期无进展 李四/);
    expect(silentInPark(c)).toEqual(['lisi']);
  });

  it('counts for its own period only: the next one asks again', async () => {
    const c = await smallDistrict({ now: '2026-11-10T10:00:00+08:00' });
    await c.say('绑定本群 单位工业园区管委会', { chat: 'park' });
    await c.say('本期无进展', { as: 'lisi' });
    c.setNow('2026-12-31T16:00:00+08:00');
    expect(silentInPark(c)).toEqual(['lisi']);
    expect(await c.say('推送预览 报送提醒', { chat: 'park' })).toMatch(/半月调度 2027-01-01 截止/);
    c.setNow('2026-11-30T16:00:00+08:00');
    expect(await c.say('本期无进展', { as: 'lisi' })).toMatch(/已登记：本期（2026-11-16 起）无进展/);
  });

  it('is refused to someone not on the roster, and nothing is written', async () => {
    const c = await smallDistrict({ now: '2026-11-15T10:00:00+08:00' });
    const seq = c.store.seq;
    expect(await c.say('本期无进展', { as: 'stranger' })).not.toMatch(/已登记/);
    expect(c.store.seq).toBe(seq);
  });
});

describe('admins preview the reminders', () => {
  it('shows what each bound unit group would get and sends nothing', async () => {
    const c = await smallDistrict({ now: '2026-11-15T10:00:00+08:00' });
    await c.say('绑定本群 单位工业园区管委会', { chat: 'park' });
    await c.say('绑定本群 单位经济信息委', { chat: 'eco' });
    await c.say('绑定本群 全区', { chat: 'all' });
    await c.say('本期无进展', { as: 'wangwu' });
    const seq = c.store.seq;
    const answer = await c.say('提醒预览');
    expect(answer).toMatch(/报送提醒预览：2 个单位群（未发送）/);
    expect(answer).toMatch(/经济信息委（test）：成员都已报送，不发提醒/);
    expect(answer).toMatch(/【预览，未发送】工业园区管委会（test）：报送提醒（工业园区管委会）/);
    expect(answer).toMatch(/请以下同事报送：@李四/);
    expect(answer).not.toMatch(/@王五/);
    expect(c.store.seq).toBe(seq);
    expect(c.store.pushRuns()).toHaveLength(0);
    expect(c.store.outbox()).toHaveLength(0);
    expect(await c.say('提醒预览', { as: 'lisi' })).toMatch(/需要管理员权限/);
  });
});

describe('admins change when reminders go out', () => {
  it('sets 报送提醒 like any other push time and shows it in 查看设置', async () => {
    const c = await smallDistrict({ now: '2026-11-15T10:00:00+08:00' });
    expect(await c.say('查看设置')).toMatch(/报送提醒 0 16 15,L \* \*/);
    expect(await c.say('设置 推送时间 报送提醒 0 15 14,L * *')).not.toMatch(/不认识|无效/);
    expect(await c.say('查看设置')).toMatch(/报送提醒 0 15 14,L \* \*/);
  });
});
