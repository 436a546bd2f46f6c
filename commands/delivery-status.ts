import { defineCommand } from '../src/core/command.ts';
import type { Line } from '../src/core/reply.ts';
import { reply } from '../src/core/reply.ts';
import { PUSH_NAMES } from '../src/domain/push-kinds.ts';
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
      return reply('info', zh.deliveryNone);
    const lines: Line[] = runFailures.map((f) => ({
      text: zh.pushRunFailed(PUSH_NAMES[f.kind as PushKind] ?? f.kind, when(f.at)),
      colour: 'red' as const,
    }));
    for (const run of runs) {
      const items = ctx.store.outbox((i) => i.runId === run.id);
      const sent = items.filter((i) => i.status === 'sent').length;
      const bad = items.filter((i) => i.status === 'failed').length;
      lines.push(
        zh.deliveryRun(
          PUSH_NAMES[run.kind],
          run.slot.slice(0, 16).replace('T', ' '),
          run.late,
          run.trigger === 'manual',
          sent,
          items.length,
          bad,
        ),
      );
    }
    lines.push(zh.deliveryPending(pending.length));
    for (const f of failed) {
      const pushWhat = f.status === 'unknown' ? zh.pushUnknown : zh.pushFailed;
      // 「立即推送」 cannot bring back a member's reply
      const what = f.reply ? (f.status === 'unknown' ? zh.replyUnknown : zh.replyFailed) : pushWhat;
      lines.push({
        text: zh.deliveryFailure(what, f.platform, f.chatId, f.title, f.lastError),
        colour: 'red',
      });
    }
    for (const d of destinations.filter((x) => x.dead)) {
      lines.push({
        text: zh.deliveryDead(d.destination, d.lastError),
        colour: 'red',
      });
    }
    return reply('info', zh.deliveryTitle(runs.length, pending.length, failed.length), lines, {
      table: destinations.length
        ? {
            headers: [...zh.deliveryHeaders],
            rows: destinations.map((d) => [
              d.destination,
              String(d.sent),
              when(d.lastSentAt),
              d.lastError ? `${when(d.lastErrorAt)} ${d.lastError}` : '—',
              zh.destinationState(d.dead),
            ]),
          }
        : undefined,
    });
  },
});
