import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { refuseUnmoved } from './cli-district.ts';
import { loadConfig } from './config.ts';
import { type ConsoleLedgers, openConsoleLedgers } from './console-ledgers.ts';
import { jsonLogger } from './core/logger.ts';
import { renderPlainText } from './render/plain-text.ts';
import { localSocketPath } from './server/local-socket.ts';
import { postToLocalBot } from './server/local-socket-client.ts';
import { deploymentPlan } from './tenancy/district-plan.ts';
import { zh } from './text/zh.ts';
import { frozenClock, systemClock } from './time/clock.ts';

const USAGE = zh.chatUsage;

interface Say {
  (text: string): Promise<string>;
  close(): Promise<void>;
}

/** Talks to the running server through its local socket, or opens the data directory itself. */
async function connect(as: string, chatId: string | null, fixedId: string | null): Promise<Say> {
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const dataDir = resolve(config.SAIMA_DATA_DIR);
  const socket = localSocketPath(dataDir);
  let opened: ConsoleLedgers | null = null;
  let direct: ((text: string) => Promise<string>) | null = null;
  const ids = () => fixedId ?? randomUUID();

  const say = (async (text: string) => {
    if (!direct && existsSync(socket)) {
      const answer = await postToLocalBot<{ text: string }>(socket, '/chat', {
        as,
        text,
        chatId,
        messageId: ids(),
      });
      if (answer !== null) return answer.text;
    }
    if (!direct) {
      await refuseUnmoved(config, dataDir);
      const plan = deploymentPlan(config, dataDir);
      // a second call made meanwhile (a script) waits for this one instead of failing on the lock
      const ledgers = await openConsoleLedgers(
        config,
        plan,
        { clock: config.SAIMA_NOW ? frozenClock(config.SAIMA_NOW) : systemClock, logger: jsonLogger() },
        { cityAdmin: plan.city?.admins.includes(as) ?? false },
      );
      opened = ledgers;
      direct = async (t) =>
        renderPlainText(
          await ledgers.router.answerDurably({
            platform: 'console',
            messageId: ids(),
            chatId,
            chatType: chatId ? 'group' : 'single',
            senderId: as,
            text: t,
          }),
        );
    }
    return direct(text);
  }) as Say;
  say.close = async () => {
    await opened?.close();
  };
  return say;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      as: { type: 'string' },
      chat: { type: 'string' },
      id: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help || !values.as) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const say = await connect(values.as, values.chat ?? null, values.id ?? null);
  try {
    if (positionals.length > 0) {
      process.stdout.write(`${await say(positionals.join(' '))}\n`);
      return 0;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: `${values.as}> ` });
    rl.prompt();
    for await (const line of rl) {
      if (line.trim() === 'exit' || line.trim() === 'quit') break;
      if (line.trim()) process.stdout.write(`${await say(line)}\n`);
      rl.prompt();
    }
    rl.close();
    return 0;
  } finally {
    await say.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
