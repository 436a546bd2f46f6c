import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { zh } from '../src/text/zh.ts';
import { WEB_LINK_MINUTES, WEB_SESSION_HOURS } from '../storage/web-sessions.ts';

export default defineCommand({
  id: 'web-board',
  triggers: ['看板', '网页看板', '打开看板', '登录看板'],
  summary: '赛马看板（网页）的个人登录链接：10 分钟内有效、只能用一次',
  usage: '看板',
  examples: ['看板'],
  access: 'member',
  writes: false,
  handle(_args, ctx) {
    if (ctx.publicUrl === null) return reply('warn', zh.boardNoPublicUrl);
    // a link in a group is anyone's: the first to open it would be logged in as the sender
    if (ctx.message.chatType === 'group') return reply('warn', zh.boardNotInGroup);
    const secret = ctx.store.offerWebLogin(ctx.meta, ctx.actor.account, WEB_LINK_MINUTES * 60_000);
    return reply('ok', zh.boardTitle, [
      zh.boardLinkNote(WEB_LINK_MINUTES, WEB_SESSION_HOURS),
      `${ctx.publicUrl}/login/${secret}`,
    ]);
  },
});
