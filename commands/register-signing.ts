import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { CONTRACT_TYPE_WORDS } from '../src/domain/labels.ts';
import { formatWan } from '../src/domain/money.ts';
import { looksLikeAmount } from '../src/reader/amount.ts';
import { HEAD_QUOTED } from '../src/reader/fields.ts';
import { acceptsChoice, choice, field } from '../src/reader/schema-fields.ts';
import { localDate } from '../src/time/clock.ts';
import { PROJECT_KEYS, projectFieldSchemas, projectFields } from './project-keys.ts';

export default defineCommand({
  id: 'register-signing',
  triggers: ['登记签约', '签约登记', '新签约'],
  summary: '登记签约（新项目，或把在谈项目转为签约）；只有正式合同计入合同指标',
  usage:
    '登记签约 项目名称 合同额12亿 类型正式合同 [日期2023-05-20] [投资方…] [产业链…] [开工期限2024-03-31]',
  examples: [
    '登记签约 年产30万吨再生铝项目 合同额12亿 投资方某某集团 产业链铝产业 类型正式合同 日期2023-05-20',
  ],
  access: 'member',
  writes: true,
  grammar: {
    head: { key: 'name' },
    keys: {
      ...PROJECT_KEYS,
      amount: { names: ['正式合同额', '合同金额', '合同额', '签约额', '金额'] },
      type: { names: ['合同类型', '类型'] },
      date: { names: ['签约日期', '日期'] },
      deadline: { names: ['约定开工期限', '开工期限'] },
    },
    positionals: [
      { key: 'type', accepts: acceptsChoice(CONTRACT_TYPE_WORDS) },
      { key: 'amount', accepts: looksLikeAmount },
    ],
  },
  schema: (now) =>
    z.object({
      name: field.text('项目名称'),
      [HEAD_QUOTED]: z.string().optional(),
      ...projectFieldSchemas,
      amount: field.amount('合同额'),
      type: choice('合同类型', CONTRACT_TYPE_WORDS),
      date: field.pastDate('签约日期', now).optional(),
      deadline: field.date('约定开工期限', now).optional(),
    }),
  handle(args, ctx) {
    const date = args.date ?? localDate(ctx.now);
    const existing = ctx.projectOrNew(args.name, args[HEAD_QUOTED] !== undefined);
    const extra = projectFields(args);
    const signing = { type: args.type, date, amountWan: args.amount, startDeadline: args.deadline ?? null };
    const { project: p, created } = existing
      ? ctx.store.registerSigning(ctx.meta, { projectId: existing.id }, signing, {
          ...extra,
          ...(args.unit !== undefined ? { unitId: ctx.unitForNewProject(args.unit) } : {}),
        })
      : ctx.store.registerSigning(
          ctx.meta,
          { create: { name: args.name, unitId: ctx.unitForNewProject(args.unit), ...extra } },
          signing,
        );
    const s = p.signing;
    return reply('ok', `已登记签约：${p.id} ${p.name}`, [
      `${s?.type}　合同额 ${formatWan(s?.amountWan ?? 0)}　签约日期 ${s?.date}`,
      `约定开工期限：${s?.startDeadline}`,
      ...(s?.type !== '正式合同' ? [`注意：${s?.type}不计入正式合同个数和合同额。`] : []),
      created ? '（新建项目）' : '（已有项目转为签约）',
      ctx.undoHint,
    ]);
  },
});
