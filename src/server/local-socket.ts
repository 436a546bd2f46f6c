import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { z } from 'zod';
import type { Bot } from '../core/bot.ts';
import { renderPlainText } from '../render/plain-text.ts';

/** The path of the socket `npm run chat` talks to while the server runs. */
export function localSocketPath(dataDir: string): string {
  return join(dataDir, 'saima.sock');
}

export const localChatRequest = z.object({
  as: z.string().min(1),
  text: z.string(),
  chatId: z.string().nullable().default(null),
  messageId: z.string().nullable().default(null),
});

/**
 * A Unix socket in the data directory, readable only by the bot's own OS user: the console can talk
 * to a running bot as any member, and nobody on the network can.
 */
export async function listenLocalSocket(bot: Bot, dataDir: string): Promise<Server> {
  const app = express();
  app.use(express.json({ limit: '64kb' }));
  app.post('/chat', (req, res) => {
    const body = localChatRequest.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'bad request' });
      return;
    }
    const { as, text, chatId, messageId } = body.data;
    const answer = bot.handle({
      platform: 'console',
      messageId,
      chatId,
      chatType: chatId ? 'group' : 'single',
      senderId: as,
      text,
    });
    res.json({ reply: answer, text: renderPlainText(answer) });
  });
  const path = localSocketPath(dataDir);
  rmSync(path, { force: true });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return server;
}
