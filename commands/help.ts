import { type Access, commandName, defineCommand, helpExample } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { atLeast } from '../src/domain/roles.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

const GROUPS: Array<[string, (writes: boolean, access: Access) => boolean]> = [
  [zh.helpGroups.report, (w, a) => w && a === 'member'],
  [zh.helpGroups.query, (w) => !w],
  [zh.helpGroups.manage, (w, a) => w && a !== 'member'],
];

export default defineCommand({
  id: 'help',
  triggers: ['帮助', 'help', '?', '菜单'],
  summary: '查看我能用的命令，或某条命令的写法',
  usage: '帮助 [命令]',
  examples: ['帮助', '帮助 登记签约'],
  access: 'member',
  writes: false,
  args: { topic: field.optionalRest({ isName: true }) },
  handle(args, ctx) {
    const mine = ctx.specs.filter((s) => atLeast(ctx.actor.role, s.access));
    if (args.topic) {
      const topic = args.topic.trim();
      const spec = ctx.specs.find((s) => s.triggers.includes(topic) || s.suffixes?.includes(topic));
      if (spec) {
        const synonyms = spec.triggers.slice(1);
        return reply('info', `${commandName(spec)}：${spec.summary}`, [
          zh.helpUsage(spec.usage),
          ...spec.examples.map(zh.helpExample),
          ...(synonyms.length ? [zh.helpSynonyms(synonyms)] : []),
          ...(mine.includes(spec) ? [] : [zh.helpNotYours]),
        ]);
      }
    }
    const lines: string[] = [];
    for (const [title, test] of GROUPS) {
      const group = mine.filter((s) => test(s.writes, s.access));
      if (group.length === 0) continue;
      lines.push(zh.helpGroupTitle(title));
      for (const s of group) lines.push(zh.helpLine(commandName(s), s.summary, `${s.examples[0]}`));
    }
    lines.push(zh.helpMore(helpExample(ctx.specs)));
    return reply('info', zh.helpTitle(ctx.actor.name), lines);
  },
});
