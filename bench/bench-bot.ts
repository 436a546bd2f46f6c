import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBot } from '../src/compose.ts';
import type { Bot, Received } from '../src/core/bot.ts';
import type { IncomingMessage } from '../src/core/incoming.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Clock } from '../src/time/clock.ts';
import { FilePersistence, type FilePersistenceOptions } from '../storage/file-persistence.ts';
import type { StoreDocument } from '../storage/schema.ts';
import { Store } from '../storage/store.ts';

/** A bot on a file store in its own temp dir, as the server builds it. */
export interface BenchBot {
  dir: string;
  store: Store;
  bot: Bot;
  /** Closes the store and removes the dir. */
  dispose(): Promise<void>;
}

export interface BenchBotOptions {
  clock: Clock;
  /** Written as the dir's `saima.json` before the store opens, as an existing data dir would hold it. */
  document?: StoreDocument;
  persistence?: FilePersistenceOptions;
  admins?: string[];
  memberMessagesPerMinute?: number;
  rateClock?: () => number;
}

export function benchDir(): string {
  return mkdtempSync(join(tmpdir(), 'saima-bench-'));
}

export async function openBenchBot(options: BenchBotOptions): Promise<BenchBot> {
  const dir = benchDir();
  if (options.document) writeFileSync(join(dir, 'saima.json'), JSON.stringify(options.document));
  const store = await Store.open(new FilePersistence(dir, options.persistence));
  const bot = buildBot({
    store,
    clock: options.clock,
    admins: options.admins ?? [],
    logger: silentLogger,
    memberMessagesPerMinute: options.memberMessagesPerMinute,
    rateClock: options.rateClock,
  });
  return {
    dir,
    store,
    bot,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let sent = 0;

/** A private chat message with its own platform id, so the store records which change it made. */
export function benchMessage(senderId: string, text: string): IncomingMessage {
  return {
    platform: 'bench',
    messageId: `bench-${sent++}`,
    chatId: null,
    chatType: 'single',
    senderId,
    text,
  };
}

/**
 * The reply's title when the bot answered that it saved the change (titles like 「已登记签约：…」);
 * anything else — a question back, a refusal, an unsaved write — stops the bench: a figure over
 * messages that did not all write would not measure what it claims to.
 */
export function savedTitle(received: Received, titleStart: string, message: IncomingMessage): string {
  const title = received.kind === 'dropped' ? '(dropped)' : received.reply.title;
  if (received.kind !== 'answered' || received.reply.tone !== 'ok' || !title.startsWith(titleStart)) {
    throw new Error(
      `bench message 「${message.text}」 from ${message.senderId} was not saved: ${received.kind} ${title} ${
        received.kind === 'dropped' ? '' : JSON.stringify(received.reply.lines)
      }`,
    );
  }
  return title;
}

/** The project number a saved reply names (「已登记签约：P2026-001 …」). */
export function projectIdIn(title: string): string {
  const id = /P\d{4}-\d+/u.exec(title)?.[0];
  if (!id) throw new Error(`no project number in the reply 「${title}」`);
  return id;
}

/** Bytes of every file under `dir`. */
export function dirBytes(dir: string, keep: (name: string) => boolean = () => true): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !keep(entry.name)) continue;
    total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** The snapshot and its temp and backup copies; everything else in a data dir is the journal's. */
export function isSnapshotFile(name: string): boolean {
  return name.startsWith('saima.json') || name.startsWith('.saima.json');
}

export function mb(bytes: number): string {
  const text = `${(bytes / 1_048_576).toFixed(bytes < 10 * 1_048_576 ? 2 : 1)} MB`;
  return bytes < 1024 ** 3 ? text : `${text} (${(bytes / 1024 ** 3).toFixed(1)} GB)`;
}
