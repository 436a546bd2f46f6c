import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { START_TYPE_WORDS } from '../src/domain/labels.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import { localDate } from '../src/time/clock.ts';

export default defineCommand({
  id: 'register-start',
  triggers: ['登记开工', '开工登记', '项目开工'],
  summary: '认定项目开工（建安类、设备购置类或开业类）',
  usage: '登记开工 项目名称 类型建安类 [日期6月1日]',
  examples: ['登记开工 年产30万吨再生铝项目 类型建安类 日期6月1日'],
  access: 'member',
  writes: true,
  args: {
    name: field.project(),
    type: field.choice('开工类型', START_TYPE_WORDS, { synonyms: ['类型'], bare: true }),
    date: field.pastDate('开工日期', { synonyms: ['日期'], optional: true }),
  },
  handle(args, ctx) {
    const project = ctx.project(args.name, 'write');
    const date = args.date ?? localDate(ctx.now);
    const signed = project.signing?.date;
    const early = signed !== undefined && date < signed && !project.start;
    ctx.checkFirst('start-before-signing', early, () =>
      zh.confirmStartBeforeSigning(project.name, date, `${signed}`),
    );
    const p = ctx.store.certifyStart(ctx.meta, project.id, { type: args.type, date }, early);
    return reply('ok', zh.startSaved(p.id, p.name), [
      zh.startLine(`${p.start?.type}`, `${p.start?.date}`),
      ctx.undoHint,
    ]);
  },
});
