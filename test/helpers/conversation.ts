import { buildBot } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import type { CommandSpec } from '../../src/core/command.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { DeliveryStatus } from '../../src/delivery/delivery-status.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import type { Persistence } from '../../storage/persistence.ts';
import { Store } from '../../storage/store.ts';
import { openTestStore } from './test-store.ts';

export interface SayOptions {
  as?: string;
  chat?: string | null;
  id?: string | null;
  platform?: string;
}

/**
 * A bot on a store of the run's engine (test/helpers/test-store.ts), or on `store` or `persistence`, with a clock
 * the test moves. `say` sends one message and returns the reply as the console shows it; `lastReply`
 * keeps the model for finer checks.
 */
export async function conversation(
  options: {
    now?: string;
    admins?: string[];
    deliveries?: DeliveryStatus;
    persistence?: Persistence;
    /** A store opened already (say, from a test-store place the test opens again later). */
    store?: Store;
    botNames?: string[];
    /** SAIMA_PUBLIC_URL (看板 links); unset like a server without it. */
    publicUrl?: string | null;
    /** The commands the bot understands; unset, a district's. */
    specs?: ReadonlyArray<CommandSpec>;
  } = {},
) {
  const store =
    options.store ?? (options.persistence ? await Store.open(options.persistence) : await openTestStore());
  let now = new Date(options.now ?? '2023-06-30T10:00:00+08:00');
  const bot = buildBot({
    store,
    clock: { now: () => new Date(now) },
    rateClock: () => now.getTime(),
    admins: options.admins ?? ['admin'],
    // the names the server starts with when SAIMA_BOT_NAMES is not set
    botNames: options.botNames ?? loadConfig({}).SAIMA_BOT_NAMES,
    logger: silentLogger,
    deliveries: options.deliveries,
    publicUrl: options.publicUrl ?? null,
    specs: options.specs,
  });
  let lastReply: Reply | null = null;
  const say = async (text: string, opts: SayOptions = {}): Promise<string> => {
    lastReply = bot.handle({
      platform: opts.platform ?? 'test',
      messageId: opts.id ?? null,
      chatId: opts.chat ?? null,
      chatType: opts.chat ? 'group' : 'single',
      senderId: opts.as ?? 'admin',
      text,
    });
    return renderPlainText(lastReply);
  };
  return {
    say,
    store,
    bot,
    /** The clock the bot reads; give it to anything else that writes to the same store. */
    clock: { now: () => new Date(now) },
    setNow: (iso: string) => {
      now = new Date(iso);
    },
    lastReply: () => lastReply as Reply | null,
  };
}

export type Conversation = Awaited<ReturnType<typeof conversation>>;

/** A small district: two units, a member in each, a district leader. */
export async function smallDistrict(
  options: { now?: string; persistence?: Persistence; store?: Store; publicUrl?: string | null } = {},
): Promise<Conversation> {
  const c = await conversation(options);
  await c.say('添加单位 工业园区管委会 类型园区');
  await c.say('添加单位 经济信息委 类型部门');
  await c.say('添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
  await c.say('添加成员 王五 账号wangwu 单位经济信息委 角色成员');
  await c.say('添加成员 张三 账号zhangsan 角色领导');
  return c;
}
