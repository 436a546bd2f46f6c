import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'my-projects',
  triggers: ['我的项目'],
  summary: '列出我负责或我登记的项目',
  usage: '我的项目',
  examples: ['我的项目'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    const { name, account } = ctx.actor;
    const mine = ctx.store
      .projects((p) => p.ownerName === name || p.leaderName === name || p.createdBy === account)
      .filter(ctx.canRead)
      .sort((a, b) => a.id.localeCompare(b.id));
    if (mine.length === 0) {
      return reply('info', zh.myProjectsNone, [zh.myProjectsHow]);
    }
    return reply('info', zh.myProjectsTitle(mine.length), [], {
      table: { headers: [...zh.myProjectsHeaders], rows: mine.map((p) => [p.id, p.name, p.stage]) },
    });
  },
});
