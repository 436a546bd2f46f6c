import { defineCommand } from '../src/core/command.ts';
import { projectLight } from '../src/race/lights.ts';
import { projectCard } from '../src/race/project-card-view.ts';
import { field } from '../src/reader/args.ts';

export default defineCommand({
  id: 'project-card',
  triggers: ['查询', '项目详情'],
  suffixes: ['进展如何', '进展情况', '进展怎么样', '进展'],
  summary: '查看项目卡片：阶段、金额、日期、负责人、最近进展',
  usage: '查询 项目名称（或：XX项目进展如何）',
  examples: ['查询 再生铝', '再生铝项目进展如何'],
  access: 'member',
  writes: false,
  args: { name: field.project((s) => s.replace(/(进展如何|进展情况|进展)$/, '')) },
  handle(args, ctx) {
    const project = ctx.project(args.name, 'read');
    const view = ctx.race;
    return projectCard(ctx.store, project, projectLight(project, view.today, view.settings));
  },
});
