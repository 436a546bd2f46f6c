import { chmodSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import express from 'express';
import { z } from 'zod';
import type { LedgerImportOutcome } from '../../storage/ledger-import-input.ts';
import type { Answerer } from '../core/bot.ts';
import { isUserError } from '../core/errors.ts';
import { jsonLogger, type Logger } from '../core/logger.ts';
import { renderPlainText } from '../render/plain-text.ts';
import { zh } from '../text/zh.ts';
import { type LedgerImportRequest, ledgerImportRequest } from '../workbook/import/ledger-import-request.ts';
import { jsonErrors, jsonNotFound } from './json-errors.ts';

/** The path of the socket `npm run chat` talks to while the server runs. */
export function localSocketPath(dataDir: string): string {
  return join(dataDir, 'run', 'saima.sock');
}

/**
 * The socket's directory, made 0700 and checked to be our own real directory before anything
 * listens in it: a socket's own mode follows the umask when it is created, but nobody else can
 * reach it through a directory they cannot search, so there is no moment it is open to others.
 */
function privateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) {
    throw new Error(zh.localSocketNotPrivate(dir));
  }
  chmodSync(dir, 0o700);
}

export const localChatRequest = z.object({
  as: z.string().min(1),
  text: z.string(),
  chatId: z.string().nullable().default(null),
  messageId: z.string().nullable().default(null),
});

/** Runs an import the console read from a workbook (`npm run import`); absent, the socket has no /import. */
export type LocalImporter = (request: LedgerImportRequest) => Promise<LedgerImportOutcome>;

/** The rows of a ledger of the largest size the import reads, as JSON. */
const IMPORT_BODY_LIMIT = '64mb';

/**
 * A Unix socket in the data directory, readable only by the bot's own OS user: the console can talk
 * to a running bot as any member, and nobody on the network can.
 */
export async function listenLocalSocket(
  bot: Answerer,
  dataDir: string,
  logger: Logger = jsonLogger(),
  importer: LocalImporter | null = null,
): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  if (importer) {
    // before the 64 kB parser below: the rows of a ledger are larger than any chat message
    app.post('/import', express.json({ limit: IMPORT_BODY_LIMIT }), async (req, res) => {
      const body = ledgerImportRequest.safeParse(req.body);
      if (!body.success) {
        res.status(400).json({ error: 'bad request' });
        return;
      }
      try {
        res.json({ outcome: await importer(body.data) });
      } catch (e) {
        if (!isUserError(e)) throw e;
        res.json({ refusal: e.message });
      }
    });
  }
  app.use(express.json({ limit: '64kb' }));
  app.post('/chat', async (req, res) => {
    const body = localChatRequest.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'bad request' });
      return;
    }
    const { as, text, chatId, messageId } = body.data;
    const answer = await bot.answerDurably({
      platform: 'console',
      messageId,
      chatId,
      chatType: chatId ? 'group' : 'single',
      senderId: as,
      text,
    });
    res.json({ reply: answer, text: renderPlainText(answer) });
  });
  app.use(jsonNotFound(logger));
  app.use(jsonErrors(logger));
  const path = localSocketPath(dataDir);
  privateDirectory(dirname(path));
  rmSync(path, { force: true });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  // belt and braces: the directory already keeps everyone else out
  chmodSync(path, 0o600);
  return server;
}
