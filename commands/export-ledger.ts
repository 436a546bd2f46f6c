import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { exportPeriod } from '../src/workbook/export/export-period.ts';

const YEAR = /^(\d{4})年?$/;

export default defineCommand({
  id: 'export-ledger',
  triggers: ['导出台账', '下载台账', '台账导出', '导出项目台账'],
  summary: '项目台账 Excel 的个人下载链接（10 分钟内有效、只能下载一次；成员只含本单位的项目）',
  usage: '导出台账 [2023年]',
  examples: ['导出台账', '导出台账 2023年'],
  access: 'member',
  writes: false,
  args: { year: field.bare('年份', (t) => YEAR.test(t), { optional: true }) },
  handle(args, ctx) {
    // a link in a group is anyone's: the first to open it gets every unit's rows
    if (ctx.message.chatType === 'group') return reply('warn', zh.exportNotInGroup);
    const { actor } = ctx;
    const unitId = actor.role === 'member' ? actor.unitId : null;
    if (actor.role === 'member' && unitId === null) throw new UserError(zh.exportNoUnit);
    const { year, asOf } = exportPeriod(ctx.race.today, {
      year: args.year ? YEAR.exec(args.year)?.[1] : null,
    });
    const desk = ctx.ledgerDesk;
    if (!desk) return reply('warn', zh.exportInConsole);
    const url = desk.offer({ account: actor.account, year, asOf, unitId });
    if (url === null) return reply('warn', zh.exportNoPublicUrl);
    const rows = unitId ? zh.exportRowsUnit(ctx.store.unit(unitId)?.name ?? unitId) : zh.exportRowsAll;
    return reply('ok', zh.exportTitle(year, asOf), [
      zh.exportLinkNote(desk.minutes),
      url,
      zh.exportContents(rows),
    ]);
  },
});
