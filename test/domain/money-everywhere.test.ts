import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { buildDemoDistrict } from '../../src/demo/build-demo-district.ts';
import { PUSH_NAMES } from '../../src/domain/push-kinds.ts';
import { pushContent } from '../../src/push/push-content.ts';
import { raceView } from '../../src/race/race-context.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import type { PushKind, Scope } from '../../storage/schema.ts';
import { smallDistrict } from '../helpers/conversation.ts';
import { openTestStore } from '../helpers/test-store.ts';

const AMOUNT = /(\d+(?:\.\d+)?)(亿|万)(元?)/g;
const WORD = /[\u4e00-\u9fff]/;

/** Every amount in the text that is not written the one way (亿元 to 2 decimals from 1亿, else 万元). */
function amountsOffTheRule(text: string): string[] {
  const off: string[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const [whole, number, unit, yuan] = m as unknown as [string, string, string, string];
    const next = text[(m.index ?? 0) + whole.length] ?? '';
    // 30万吨, 10万头, 1.5万平方米: a quantity in a project's name, not money
    if (!yuan && WORD.test(next)) continue;
    const decimals = number.split('.')[1] ?? '';
    const ok =
      yuan === '元' &&
      !decimals.endsWith('0') &&
      (unit === '亿'
        ? Number(number) >= 1 && decimals.length <= 2
        : Number(number) < 10_000 && decimals.length <= 4);
    if (!ok) off.push(`${whole}${next}`);
  }
  return off;
}

describe('one money rule in every answer and push', () => {
  it('finds amounts written any other way', () => {
    expect(
      amountsOffTheRule('合同额77.9亿元，到位 4.8933亿元，0.0亿元，77.86亿，年产30万吨，400万元，64.1亿元'),
    ).toEqual(['4.8933亿元，', '0.0亿元，', '77.86亿，']);
  });

  it('writes every amount of the demo district by the rule', async () => {
    const store = await openTestStore();
    const now = new Date('2026-11-29T10:00:00+08:00');
    const demo = buildDemoDistrict(store, now);
    const bot = buildBot({ store, clock: { now: () => now }, admins: [], logger: silentLogger });
    const say = (text: string) =>
      renderPlainText(
        bot.handle({
          platform: 'test',
          messageId: null,
          chatId: null,
          chatType: 'single',
          senderId: demo.adminAccount,
          text,
        }),
      );
    const answers = [
      '上半年总结',
      '2026年上半年总结',
      '2025年全年总结',
      '全区进度',
      '本月晾晒',
      '上月晾晒',
      '季度晾晒',
      '年度排名',
      '签约未开工',
      '在谈超期',
      '英雄榜',
      '查看设置',
      ...store.units().map((u) => `单位进度 ${u.name}`),
      ...store.chains().map((c) => `专班进度 ${c.name}`),
      ...store.projects().map((p) => `查询 ${p.id}`),
    ].map(say);
    const view = raceView(store, now);
    const scopes: Scope[] = [
      { kind: 'district' },
      ...store.units().map((u) => ({ kind: 'unit' as const, unitId: u.id })),
      ...store.chains().map((c) => ({ kind: 'chain' as const, chain: c.name })),
    ];
    const pushes = (Object.keys(PUSH_NAMES) as PushKind[]).flatMap((kind) =>
      scopes.flatMap((scope) => pushContent(kind, view, scope).replies.map(renderPlainText)),
    );
    const all = [...answers, ...pushes].join('\n');
    expect(all).toMatch(/\d亿元/);
    expect(all).toMatch(/\d万元/);
    expect(amountsOffTheRule(all)).toEqual([]);
  });

  it('writes the amounts of every confirmation by the rule', async () => {
    const { say } = await smallDistrict();
    const lisi = { as: 'lisi' };
    const answers = [
      await say('登记在谈 再生铝项目 投资额4.89333亿 日期2023-05-01', lisi),
      await say('登记签约 再生铝项目 合同额77.8649亿 正式合同 日期2023-06-01', lisi),
      await say('到位资金 再生铝项目 400万 凭证银行回单', lisi),
      await say('到位资金 再生铝项目 1.23456亿 凭证银行回单', lisi),
      await say('修改 再生铝项目 合同额1.005亿 投资额5亿', lisi),
      await say('查询 再生铝项目', lisi),
      await say('上半年总结'),
      await say('设置 重大项目门槛 10.5亿'),
    ];
    const all = answers.join('\n');
    expect(all).toMatch(/77\.86亿元/);
    expect(all).toMatch(/400万元/);
    expect(amountsOffTheRule(all)).toEqual([]);
  });
});
