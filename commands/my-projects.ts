import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';

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
      return reply('info', '您名下还没有项目。', [
        '登记时写「负责人您的姓名」，或由您登记的项目会列在这里。',
      ]);
    }
    return reply('info', `您名下的项目（${mine.length} 个）`, [], {
      table: { headers: ['编号', '名称', '阶段'], rows: mine.map((p) => [p.id, p.name, p.stage]) },
    });
  },
});
