import { defineCommand } from '../src/core/command.ts';
import type { Line } from '../src/core/reply.ts';
import { reply } from '../src/core/reply.ts';
import { PUSH_NAMES } from '../src/push/schedule.ts';
import { zh } from '../src/text/zh.ts';
import { shanghai } from '../src/time/clock.ts';
import type { PushKind } from '../storage/schema.ts';

const when = (iso: string | null) => (iso ? shanghai(iso).format('MM-DD HH:mm') : '—');

export default defineCommand({
  id: 'delivery-status',
  triggers: ['推送状态'],
  summary: '查看最近的推送、待发和失败的消息，以及各群机器人的状态',
  usage: '推送状态',
  examples: ['推送状态'],
  access: 'admin',
  writes: false,
  handle(_args, ctx) {
    const runs = ctx.store.pushRuns().slice(0, 8);
    const pending = ctx.store.outbox((i) => i.status === 'pending');
    const failed = ctx.store.outbox((i) => i.status === 'failed' || i.status === 'unknown').slice(-10);
    const destinations = ctx.deliveries.all();
    const runFailures = ctx.deliveries.runFailures();
    if (runs.length === 0 && destinations.length === 0 && runFailures.length === 0)
      return reply('info', '还没有推送过消息。');
    const lines: Line[] = runFailures.map((f) => ({
      text: zh.pushRunFailed(PUSH_NAMES[f.kind as PushKind] ?? f.kind, when(f.at)),
      colour: 'red' as const,
    }));
    for (const run of runs) {
      const items = ctx.store.outbox((i) => i.runId === run.id);
      const sent = items.filter((i) => i.status === 'sent').length;
      const bad = items.filter((i) => i.status === 'failed').length;
      lines.push(
        `${PUSH_NAMES[run.kind]} ${run.slot.slice(0, 16).replace('T', ' ')}${run.late ? '（补发）' : ''}${run.trigger === 'manual' ? '（手动）' : ''}：已发 ${sent}/${items.length}${bad ? `，失败 ${bad}` : ''}`,
      );
    }
    lines.push(`待发 ${pending.length} 条。`);
    for (const f of failed) {
      const pushWhat =
        f.status === 'unknown' ? '不确定是否送达（发送时进程中断），如群里没收到请「立即推送」' : '失败';
      // 「立即推送」 cannot bring back a member's reply
      const what = f.reply ? (f.status === 'unknown' ? zh.replyUnknown : zh.replyFailed) : pushWhat;
      lines.push({
        text: `${what}：${f.platform} 群 ${f.chatId}「${f.title}」：${f.lastError}`,
        colour: 'red',
      });
    }
    for (const d of destinations.filter((x) => x.dead)) {
      lines.push({
        text: `已停用：${d.destination}（${d.lastError}）。检查机器人是否被移出群、key 是否正确，改好配置后重启。`,
        colour: 'red',
      });
    }
    return reply(
      'info',
      `推送状态：最近 ${runs.length} 次推送，待发 ${pending.length}，失败 ${failed.length}`,
      lines,
      {
        table: destinations.length
          ? {
              headers: ['目的地（密钥以指纹表示）', '已发送', '最近发送', '最近失败', '状态'],
              rows: destinations.map((d) => [
                d.destination,
                String(d.sent),
                when(d.lastSentAt),
                d.lastError ? `${when(d.lastErrorAt)} ${d.lastError}` : '—',
                d.dead ? '已停用' : '正常',
              ]),
            }
          : undefined,
      },
    );
  },
});
