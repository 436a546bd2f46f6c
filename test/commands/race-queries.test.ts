import { describe, expect, it } from 'vitest';
import { smallDistrict } from '../helpers/conversation.ts';

const lisi = { as: 'lisi' };

async function raceDistrict() {
  const c = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
  await c.say('设置目标 全区 2023年 报告目标 签约个数4');
  await c.say('设置目标 全区 2023年 市级目标 合同额10亿');
  await c.say('设置目标 工业园区管委会 2023年 市级目标 签约个数4 合同额6亿');
  await c.say('设置目标 经济信息委 2023年 市级目标 签约个数4 合同额6亿');
  await c.say('登记签约 再生铝项目 合同额3亿 正式合同 日期2023-03-01', lisi);
  await c.say('登记签约 铝深加工项目 合同额1亿 正式合同 日期2023-04-01', lisi);
  await c.say('登记开工 再生铝项目 建安类 日期2023-05-01', lisi);
  await c.say('到位资金 再生铝项目 5000万 凭证银行回单 日期2023-05-10', lisi);
  await c.say('登记签约 预制菜项目 合同额0.6亿 正式合同 日期2023-02-01', { as: 'wangwu' });
  await c.say('外出招商 深圳 带队张三 对接企业甲公司、乙公司 日期2023-03-01', lisi);
  return c;
}

describe('asking about the horse race in chat', () => {
  it('ranks the units this month with colour words and squares, r, 序时 targets and the boards', async () => {
    const { say } = await raceDistrict();
    const answer = await say('本月晾晒', lisi);
    expect(answer).toMatch(/2023年6月晾晒/);
    expect(answer).toMatch(/序时进度 50%/);
    // 工业园区: 2 of 2 contracts due (100%), 4亿 of 3亿 due (133.3%) → (40×1.333 + 20×1)/60 = 122.2%
    expect(answer).toMatch(
      /1\s+工业园区管委会\s+🟩绿\s+122\.2%\s+完成4亿元／应达3亿元（133\.3%）\s+完成2个／应达2个（100%）/,
    );
    // 经济信息委: 1 of 2 (50%), 0.6亿 of 3亿 (20%) → (40×0.2 + 20×0.5)/60 = 30%
    expect(answer).toMatch(/2\s+经济信息委\s+🟥红\s+30%/);
    expect(answer).toMatch(/红榜：工业园区管委会（122\.2%）/);
    expect(answer).toMatch(/黑榜：经济信息委（30%）/);
  });

  it('understands N月晾晒, 上月晾晒, 季度晾晒 and 年度排名', async () => {
    const { say } = await raceDistrict();
    expect(await say('3月晾晒', lisi)).toMatch(/2023年3月晾晒[\s\S]*截至 2023年3月31日，序时进度 25%/);
    expect(await say('三月晾晒', lisi)).toMatch(/2023年3月晾晒/);
    expect(await say('12月晾晒', lisi)).toMatch(/2022年12月晾晒/);
    expect(await say('13月晾晒', lisi)).toMatch(/月份要在 1 到 12 之间/);
    expect(await say('上月晾晒', lisi)).toMatch(/2023年5月晾晒[\s\S]*截至 2023年5月31日/);
    expect(await say('季度晾晒', lisi)).toMatch(/2023年第2季度晾晒/);
    expect(await say('上季度晾晒', lisi)).toMatch(/2023年第1季度晾晒[\s\S]*截至 2023年3月31日/);
    expect(await say('年度排名', lisi)).toMatch(/2023年度排名/);
  });

  it('shows the district against every tier', async () => {
    const { say } = await raceDistrict();
    const answer = await say('全区进度', lisi);
    expect(answer).toMatch(/签订正式合同个数\s+3\s+报告目标 4（完成 75%，序时 150% 🟩绿）/);
    expect(answer).toMatch(/正式合同额\s+4\.6亿元\s+市级目标 10亿元（完成 46%，序时 92% 🟦蓝）/);
  });

  it('writes the half-year paragraph the way the bureau does', async () => {
    const { say } = await raceDistrict();
    expect(await say('上半年总结', lisi)).toMatch(
      /上半年，全区签订正式合同3个，完成区政府工作报告目标的75%；正式合同额4\.6亿元，完成市级下达正式合同额目标的46%；累计认定开工项目1个、近三年签约项目开工率33\.3%；到位资金5000万元。区领导带队外出招商1次，对接企业2家；签约未开工项目2个。/,
    );
    expect(await say('2023年上半年总结', lisi)).toMatch(/全区签订正式合同3个/);
    expect(await say('下半年总结', lisi)).toMatch(/2023年下半年还没有开始/);
    expect(await say('2022年全年总结', lisi)).toMatch(/今年来，全区签订正式合同0个/);
  });

  it('says which tier a unit was ranked on when it has no target of the configured tier', async () => {
    const { say } = await raceDistrict();
    await say('添加单位 某镇 类型镇街');
    await say('添加成员 赵六 账号zhaoliu 单位某镇 角色成员');
    await say('设置目标 某镇 2023年 M0 签约个数3');
    const answer = await say('我们单位', { as: 'zhaoliu' });
    expect(answer).toMatch(/第 \d 名（按「M0」目标）/);
    expect(answer).not.toMatch(/按「市级目标」/);
    await say('设置目标 某镇 2023年 市级目标 合同额1亿');
    expect(await say('我们单位', { as: 'zhaoliu' })).toMatch(
      /按「市级目标」（合同额）、「M0」（签约个数）目标/,
    );
  });

  it('shows a fractional 序时 target with its unit, not as a bare 「4/3.7」', async () => {
    const { say } = await raceDistrict();
    await say('设置目标 工业园区管委会 2023年 市级目标 签约个数5 到位资金1001万');
    const answer = await say('本月晾晒', lisi);
    expect(answer).toMatch(/完成2个／应达2\.5个（80%）/);
    expect(answer).toMatch(/完成5000万元／应达501万元（999%）/);
  });

  it('names the year asked about when no unit has targets yet', async () => {
    const c = await smallDistrict({ now: '2026-03-10T10:00:00+08:00' });
    const answer = await c.say('本月晾晒');
    expect(answer).toMatch(/还没有单位设置2026年的目标[\s\S]*设置目标 单位名 2026年/);
    expect(answer).not.toMatch(/2023年/);
  });

  it('shows one unit, mine by default, with its rank', async () => {
    const { say } = await raceDistrict();
    expect(await say('我们单位', lisi)).toMatch(/工业园区管委会进度[\s\S]*综合完成率 122\.2%，🟩绿，第 1 名/);
    expect(await say('单位进度 经济信息委', lisi)).toMatch(/第 2 名/);
    expect(await say('单位进度 火星办', lisi)).toMatch(/没有单位「火星办」/);
  });

  it('lists signed-not-started projects with days, deadline, owner and light; members see their own unit', async () => {
    const { say } = await raceDistrict();
    const mine = await say('签约未开工', lisi);
    expect(mine).toMatch(/签约未开工 1 个/);
    expect(mine).toMatch(
      /P2023-002\s+铝深加工项目\s+工业园区管委会\s+2023-04-01\s+90天\s+2024-03-31\s+未定\s+🟢绿灯/,
    );
    expect(await say('签约未开工', { as: 'zhangsan' })).toMatch(/签约未开工 2 个/);
  });

  it('warns of negotiations near or past their limit', async () => {
    const { say } = await raceDistrict();
    await say('登记在谈 风电项目 投资额5亿 日期2023-03-01', lisi);
    await say('登记在谈 光伏项目 投资额12亿 日期2023-03-01', lisi);
    await say('登记在谈 储能项目 投资额1亿 日期2023-06-20', lisi);
    const answer = await say('在谈超期', lisi);
    expect(answer).toMatch(/在谈超期预警：1 个（在谈共 3 个）/);
    expect(answer).toMatch(/风电项目[\s\S]*2023-06-01\s+🔴红灯/);
    expect(answer).not.toMatch(/光伏项目/); // major: six months
  });

  it("counts a leader's trips", async () => {
    const { say } = await raceDistrict();
    expect(await say('领导外出 张三', lisi)).toMatch(/张三 2023年带队外出招商 1 次，对接企业 2 家/);
    expect(await say('领导外出', { as: 'zhangsan' })).toMatch(/张三 2023年带队外出招商 1 次/);
  });

  it('shows the project light on the card', async () => {
    const { say, setNow } = await raceDistrict();
    setNow('2024-04-05T10:00:00+08:00');
    expect(await say('查询 铝深加工', lisi)).toMatch(/🔴红灯：已超过约定开工期限 5 天（2024-03-31）/);
  });

  it('lets admins change settings, and refuses bad values with the right form', async () => {
    const { say, store } = await raceDistrict();
    expect(await say('设置 五色阈值 95 85 60 40')).toMatch(/已设置 五色阈值：95% \/ 85% \/ 60% \/ 40%/);
    expect(await say('设置 五色阈值 50 60 70 80')).toMatch(
      /须从高到低[\s\S]*正确格式：设置 五色阈值 100 90 70 50/,
    );
    expect(await say('设置 权重 合同额50 签约个数10')).toMatch(/合同额50 签约个数10 开工20 到位资金20/);
    expect(await say('设置 色阶方向 红高')).toMatch(/红高/);
    expect(await say('设置 心情 很好')).toMatch(/请写设置名称/);
    expect(await say('设置 红黑榜人数 五', lisi)).toMatch(/需要管理员权限/);
    expect(await say('查看设置', { as: 'zhangsan' })).toMatch(/五色阈值：95% \/ 85% \/ 60% \/ 40%　改/);
    expect(await say('本月晾晒', lisi)).toMatch(/经济信息委\s+🟩绿/); // the red-high scale puts the worst band at green
    expect(store.settingValues()).toMatchObject({ direction: 'red-high' });
  });

  it('shows a task force with its chain head and projects', async () => {
    const { say } = await raceDistrict();
    await say('设置专班 铝产业 链长张三 牵头单位经济信息委 成员单位工业园区管委会');
    await say('修改 P2023-001 产业链铝产业');
    const answer = await say('专班进度 铝产业', lisi);
    expect(answer).toMatch(/链长：张三　牵头单位：经济信息委　成员单位：工业园区管委会/);
    expect(answer).toMatch(/P2023-001 再生铝项目（开工 正式合同3亿元，工业园区管委会）/);
    expect(await say('专班进度 火箭', lisi)).toMatch(/没有产业链「火箭」。已有：铝产业/);
  });
});

describe('questions asked the way people ask them', () => {
  it('reads 「签约未开工有哪些」 and 「哪些在谈项目超过3个月」 as the list commands', async () => {
    const { say } = await smallDistrict({ now: '2023-06-30T10:00:00+08:00' });
    expect(await say('签约未开工有哪些', { as: 'zhangsan' })).toMatch(/项目调度清单/);
    expect(await say('哪些在谈项目超过3个月', { as: 'zhangsan' })).toMatch(/在谈项目 0 个/);
    expect(await say('本月晾晒？', { as: 'zhangsan' })).toMatch(/2023年6月晾晒/);
  });
});
