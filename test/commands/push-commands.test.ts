import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import type { PushTrigger } from '../../src/core/command.ts';
import { type Logger, silentLogger } from '../../src/core/logger.ts';
import type { Reply } from '../../src/core/reply.ts';
import { DeliveryStatus } from '../../src/delivery/delivery-status.ts';
import { pushContent } from '../../src/push/push-content.ts';
import { raceView } from '../../src/race/race-context.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { renderWecomMarkdown } from '../../src/render/wecom-markdown.ts';
import type { Store } from '../../storage/store.ts';
import { smallDistrict } from '../helpers/conversation.ts';

describe('admins preview and start pushes from chat', () => {
  it('previews what this group would receive without sending anything', async () => {
    const { say, store } = await smallDistrict({ now: '2023-07-01T09:00:00+08:00' });
    await say('绑定本群 单位工业园区管委会', { chat: 'g1' });
    const before = store.seq;
    const answer = await say('推送预览 每月通报', { chat: 'g1' });
    expect(answer).toMatch(/【预览，未发送】2023年6月通报（工业园区管委会）/);
    expect(answer).toMatch(/预览「每月通报」：本群（工业园区管委会）会收到 2 条消息/);
    expect(await say('推送预览 季度晾晒')).toMatch(/未绑定的群按全区（全区）会收到 1 条消息和一张五色图/);
    expect(await say('推送预览 周报')).toMatch(
      /推送类型「周报」不认识，可选：半月调度、每月通报、季度晾晒、年度考核、到期预警/,
    );
    expect(await say('推送预览 每月通报', { as: 'lisi' })).toMatch(/需要管理员权限/);
    expect(store.seq).toBe(before);
    expect(store.pushRuns()).toHaveLength(0);
  });

  it('previews every message of 每月通报 whole, the 调度清单 table included', async () => {
    const { say, store, lastReply } = await smallDistrict({ now: '2023-07-01T09:00:00+08:00' });
    await say('设置目标 工业园区管委会 2023年 市级目标 签约个数4');
    await say('登记签约 再生铝项目 合同额3亿 正式合同 日期2023-06-01', { as: 'lisi' });
    await say('推送预览 每月通报', { chat: 'g1' });
    const preview = renderWecomMarkdown(lastReply() as Reply);
    const pushed = pushContent('monthly', raceView(store, new Date('2023-07-01T09:00:00+08:00')), {
      kind: 'district',
    }).replies.map(renderWecomMarkdown);
    expect(pushed).toHaveLength(2);
    const [first, ...rest] = pushed;
    for (const line of (first as string).split('\n').slice(1)) expect(preview).toContain(line);
    for (const message of rest) expect(preview).toContain(message);
    expect(preview).toMatch(/项目调度清单：签约未开工 1 个[\s\S]*P2023-001｜再生铝项目｜工业园区管委会/);
  });

  it('starts a push now when a platform can send, and says truthfully why not otherwise', async () => {
    const c = await smallDistrict({ now: '2023-07-01T09:00:00+08:00' });
    expect(await c.say('立即推送 每月通报')).toMatch(
      /没有可以发送推送的聊天平台[\s\S]*WECOM_TOKEN[\s\S]*DINGTALK_APP_KEY/,
    );
    const asked: string[] = [];
    const platforms: string[] = [];
    const { say } = botWith(c.store, {
      platforms: () => platforms,
      canSend: (platform, chatId) => platforms.includes(platform) && chatId !== 'g-no-key',
      run: async (kind) => asked.push(kind),
    });
    say('绑定本群 全区', 'g1');
    expect(say('立即推送 每月通报')).toMatch(/没有可以发送推送的聊天平台/);
    platforms.push('wecom');
    expect(say('立即推送 每月通报')).toMatch(/已绑定的 1 个群都无法送达/);
    expect(asked).toEqual([]);
    say('绑定本群 全区', 'g2', 'wecom');
    say('绑定本群 全区', 'g-no-key', 'wecom');
    const started = say('立即推送 每月通报');
    expect(started).toMatch(/已开始推送「每月通报」到 1 个群/);
    expect(started).toMatch(/另有 2 个已绑定的群无法送达/);
    expect(asked).toEqual(['monthly']);
  });

  it('logs a push that fails after the answer and shows it in 推送状态, without an unhandled rejection', async () => {
    const c = await smallDistrict({ now: '2023-07-01T09:00:00+08:00' });
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const logged: string[] = [];
    const { say } = botWith(
      c.store,
      {
        platforms: () => ['wecom'],
        canSend: () => true,
        run: async () => {
          throw new Error('EACCES: permission denied, open /srv/saima/pictures/x.png');
        },
      },
      { info() {}, warn() {}, error: (event) => logged.push(event) },
    );
    try {
      say('绑定本群 全区', 'g1', 'wecom');
      expect(say('立即推送 每月通报')).toMatch(/已开始推送「每月通报」到 1 个群/);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(logged).toEqual(['push_now_failed']);
      const status = say('推送状态');
      expect(status).toMatch(/立即推送「每月通报」07-01 09:00 失败，没有发出任何消息/);
      expect(status).not.toMatch(/srv|EACCES/);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('shows the last runs, what is pending and what failed', async () => {
    const { say, store } = await smallDistrict({ now: '2023-07-01T09:00:00+08:00' });
    const at = new Date('2023-07-01T01:00:00Z');
    store.startPushRun(
      { actor: 'saima', command: 'push', at },
      {
        id: 'monthly@2023-07-01T09:00',
        kind: 'monthly',
        slot: '2023-07-01T09:00:00.000+08:00',
        trigger: 'catch-up',
        late: true,
      },
      [
        { platform: 'wecom', chatId: 'g1', order: 0, title: '6月通报', body: 'x', image: false },
        { platform: 'wecom', chatId: 'g2', order: 0, title: '6月通报', body: 'x', image: false },
      ],
    );
    const [first] = store.outbox();
    store.markOutbox({ actor: 'saima', command: 'push', at }, first?.id as string, {
      sent: false,
      error: '本群没有配置群机器人',
      final: true,
    });
    const answer = await say('推送状态');
    expect(answer).toMatch(/每月通报 2023-07-01 09:00（补发）：已发 0\/2，失败 1/);
    expect(answer).toMatch(/待发 1 条/);
    expect(answer).toMatch(/失败：wecom 群 g1「6月通报」：本群没有配置群机器人/);
  });
});

function botWith(store: Store, pushNow: PushTrigger, logger: Logger = silentLogger) {
  const bot = buildBot({
    store,
    clock: { now: () => new Date('2023-07-01T09:00:00+08:00') },
    admins: ['admin'],
    logger,
    deliveries: new DeliveryStatus(),
    pushNow,
  });
  const say = (text: string, chatId = 'g1', platform = 'test') =>
    renderPlainText(
      bot.handle({ platform, messageId: null, chatId, chatType: 'group', senderId: 'admin', text }),
    );
  return { say };
}
