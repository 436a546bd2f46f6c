import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { chainProjectLines } from '../src/race/lists-view.ts';
import { scopeProgress } from '../src/race/progress-view.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'chain-progress',
  triggers: ['专班进度', '产业链进度'],
  summary: '一个产业链招商专班的链长、牵头单位、项目和合计',
  usage: '专班进度 产业链名称',
  examples: ['专班进度 铝产业'],
  access: 'member',
  writes: false,
  args: { chain: field.head('产业链名称') },
  handle(args, ctx) {
    const name = args.chain.replace(/专班$/, '');
    const chain = ctx.store.chain(name);
    const tagged = ctx.store.projects((p) => p.chain === name);
    const projects = tagged.filter(ctx.canRead);
    if (!chain && projects.length === 0) {
      const known = ctx.store.chains().map((c) => c.name);
      throw new UserError(zh.chainUnknown(name, known));
    }
    const view = ctx.race;
    const unit = (id: string | null) => (id ? (ctx.store.unit(id)?.name ?? id) : zh.undecided);
    const head = chain
      ? [zh.chainHead(chain.headName ?? zh.undecided, unit(chain.leadUnitId), chain.memberUnitIds.map(unit))]
      : [];
    const reply = scopeProgress(view, { kind: 'chain', chain: name }, zh.chainProgressTitle(name), head);
    reply.lines.push(zh.chainProjectCount(projects.length), ...chainProjectLines(view, projects));
    if (projects.length < tagged.length)
      reply.lines.push(zh.chainProjectsHidden(tagged.length - projects.length));
    return reply;
  },
});
