import { type Access, commandName, defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';

const RANK: Record<Access, number> = { member: 0, leader: 1, admin: 2 };
const GROUPS: Array<[string, (writes: boolean, access: Access) => boolean]> = [
  ['上报', (w, a) => w && a === 'member'],
  ['查询', (w) => !w],
  ['管理', (w, a) => w && a !== 'member'],
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
    const mine = ctx.specs.filter((s) => RANK[s.access] <= RANK[ctx.actor.role]);
    if (args.topic) {
      const topic = args.topic.trim();
      const spec = ctx.specs.find((s) => s.triggers.includes(topic) || s.suffixes?.includes(topic));
      if (spec) {
        const synonyms = spec.triggers.slice(1);
        return reply('info', `${commandName(spec)}：${spec.summary}`, [
          `写法：${spec.usage}`,
          ...spec.examples.map((e) => `例：${e}`),
          ...(synonyms.length ? [`也可以说：${synonyms.join('、')}`] : []),
          ...(mine.includes(spec) ? [] : ['（您没有使用这条命令的权限）']),
        ]);
      }
    }
    const lines: string[] = [];
    for (const [title, test] of GROUPS) {
      const group = mine.filter((s) => test(s.writes, s.access));
      if (group.length === 0) continue;
      lines.push(`【${title}】`);
      for (const s of group) lines.push(`${commandName(s)}：${s.summary}。例：${s.examples[0]}`);
    }
    lines.push('发送「帮助 命令名」查看写法，如：帮助 登记签约');
    return reply('info', `saima 赛马助手：您（${ctx.actor.name}）可以用这些命令`, lines);
  },
});
