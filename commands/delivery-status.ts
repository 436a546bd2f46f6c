import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { shanghai } from '../src/time/clock.ts';

const when = (iso: string | null) => (iso ? shanghai(iso).format('MM-DD HH:mm') : '—');

export default defineCommand({
  id: 'delivery-status',
  triggers: ['推送状态'],
  summary: '查看各群机器人的推送情况：已发送、最近失败、是否因永久错误停用',
  usage: '推送状态',
  examples: ['推送状态'],
  access: 'admin',
  writes: false,
  grammar: {},
  schema: () => z.object({}),
  handle(_args, ctx) {
    const all = ctx.deliveries.all();
    if (all.length === 0) return reply('info', '本次启动以来还没有推送过消息。');
    const dead = all.filter((d) => d.dead);
    return reply(
      'info',
      `推送状态：${all.length} 个目的地${dead.length ? `，${dead.length} 个已停用` : ''}`,
      [
        '目的地以密钥指纹表示（不显示密钥本身）。停用的目的地请检查群机器人是否被移除、key 是否正确，改好配置后重启。',
      ],
      {
        table: {
          headers: ['目的地', '已发送', '最近发送', '最近失败', '状态'],
          rows: all.map((d) => [
            d.destination,
            String(d.sent),
            when(d.lastSentAt),
            d.lastError ? `${when(d.lastErrorAt)} ${d.lastError}` : '—',
            d.dead ? '已停用' : '正常',
          ]),
        },
      },
    );
  },
});
