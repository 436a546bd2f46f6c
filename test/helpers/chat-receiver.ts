import { buildBot } from '../../src/compose.ts';
import type { Answerer } from '../../src/core/bot.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import type { Store } from '../../storage/store.ts';

let messageIds = 0;

/**
 * A bot on `store` (admin 'admin', the clock at 2023-06-30 10:00 Shanghai) and how a platform hands
 * it a message: through `receive`, flood gate and group commit included, each with a new message id;
 * the answer as plain text ('' for a message the flood gate dropped).
 */
export function chatReceiver(store: Store) {
  return chatTo(
    buildBot({
      store,
      clock: { now: () => new Date('2023-06-30T10:00:00+08:00') },
      admins: ['admin'],
      logger: silentLogger,
    }),
  );
}

/** The same for any pipeline a platform feeds: one district's bot, or the router over many. */
export function chatTo(bot: Answerer) {
  return async (text: string, as = 'lisi'): Promise<string> => {
    const r = await bot.receive({
      platform: 'test',
      messageId: `m${++messageIds}`,
      chatId: null,
      chatType: 'single',
      senderId: as,
      text,
    });
    return r.kind === 'dropped' ? '' : renderPlainText(r.reply);
  };
}
