import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { CONTRACT_TYPE_WORDS } from '../src/domain/labels.ts';
import { formatWan } from '../src/domain/money.ts';
import { amountAsWritten } from '../src/reader/amount-note.ts';
import { field } from '../src/reader/args.ts';
import { HEAD_QUOTED } from '../src/reader/fields.ts';
import { projectDetails, projectFields } from '../src/reader/project-fields.ts';
import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';

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
  args: {
    // 「新签约一个铝基新材料项目」: the words before a new project's name are not part of it
    name: field.project((s) => s.replace(/^(?:一个|有个|有一个|新的)/u, '')),
    [HEAD_QUOTED]: field.quoted(),
    ...projectFields,
    type: field.choice('合同类型', CONTRACT_TYPE_WORDS, { synonyms: ['类型'], bare: true }),
    amount: field.amount('合同额', { synonyms: ['正式合同额', '合同金额', '签约额', '金额'], bare: true }),
    date: field.pastDate('签约日期', { synonyms: ['日期'], optional: true }),
    deadline: field.date('约定开工期限', { synonyms: ['开工期限'], optional: true }),
  },
  handle(args, ctx) {
    const date = args.date ?? localDate(ctx.now);
    const existing = ctx.projectOrNew(args.name, args[HEAD_QUOTED]);
    const before = existing?.signing;
    if (existing && before) {
      // the store's signing refuses a terminated project; amending its contract must too
      if (existing.stage === '终止') throw new UserError(zh.projectTerminated(existing.name));
      // a second signing is a new contract for the same project (框架协议 → 正式合同): confirm, then amend
      ctx.checkFirst('signed-again', true, () =>
        zh.confirmSignedAgain(
          existing.name,
          `${before.type} ${formatWan(before.amountWan)}（${before.date}）`,
          `${args.type} ${formatWan(args.amount)}（${date}）`,
        ),
      );
      // the new date (today when none is written) may fall after what the ledger already holds
      const started = existing.start?.date;
      ctx.checkFirst('start-before-signing', started !== undefined && started < date, () =>
        zh.confirmStartBeforeSigning(existing.name, `${started}`, date),
      );
      const [firstFunds] = existing.instalments.map((i) => i.date).sort();
      ctx.checkFirst('funds-before-signing', firstFunds !== undefined && firstFunds < date, () =>
        zh.confirmFundsBeforeSigning(existing.name, `${firstFunds}`, date),
      );
      const { after } = ctx.store.updateProject(ctx.meta, existing.id, {
        contractType: args.type,
        contractAmountWan: args.amount,
        signingDate: date,
        ...(args.deadline ? { startDeadline: args.deadline } : {}),
      });
      const s = after.signing;
      return reply('ok', zh.signingAmended(after.id, after.name), [
        zh.signingLine(`${s?.type}`, formatWan(s?.amountWan ?? 0), `${s?.date}`),
        ctx.undoHint,
      ]);
    }
    const extra = projectDetails(args);
    const note = amountAsWritten('合同额', ctx.said('amount'), args.amount);
    const signing = {
      type: args.type,
      date,
      amountWan: args.amount,
      startDeadline: args.deadline ?? null,
      note,
    };
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
    return reply('ok', zh.signingSaved(p.id, p.name), [
      zh.signingLine(`${s?.type}`, formatWan(s?.amountWan ?? 0), `${s?.date}`),
      zh.signingDeadline(`${s?.startDeadline}`),
      ...(s?.type !== '正式合同' ? [zh.signingNotCounted(`${s?.type}`)] : []),
      zh.signingCreated(created),
      ...(note ? [note] : []),
      ctx.undoHint,
    ]);
  },
});
