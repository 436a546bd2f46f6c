import { CITY_ONLY, cityCommands } from '../../commands/city/index.ts';
import type { DistrictLedger } from '../../src/city/district-ledger.ts';
import { addDistrictUnits } from '../../src/city/district-units.ts';
import { buildBot } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import type { CommandSpec } from '../../src/core/command.ts';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Reply } from '../../src/core/reply.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { DistrictRouter, type Tenant } from '../../src/tenancy/district-router.ts';
import type { Store } from '../../storage/store.ts';
import { openTestStore } from './test-store.ts';

export interface DistrictSay {
  as: string;
  chat?: string | null;
  id?: string | null;
  platform?: string;
}

/**
 * Several districts and, when `city` is given, the city, as one deployment: each district a bot on a
 * store of its own (its own journal stream on postgres), and one router in front, as src/main.ts
 * builds them. `say` goes through the router as a platform message does.
 */
export async function deployment(options: {
  districts: Array<{ id: string; name?: string; admins: string[] }>;
  city?: {
    admins: string[];
    specs: (districts: Array<{ id: string; name: string; store: Store }>) => CommandSpec[];
    only: ReadonlySet<string>;
  };
  now?: string;
}) {
  let now = new Date(options.now ?? '2023-06-30T10:00:00+08:00');
  const clock = { now: () => new Date(now) };
  const router: { current: DistrictRouter | null } = { current: null };
  const tenants: Tenant[] = [];
  for (const d of options.districts) {
    const store = await openTestStore();
    const bot = buildBot({
      store,
      clock,
      rateClock: () => now.getTime(),
      admins: d.admins,
      botNames: loadConfig({}).SAIMA_BOT_NAMES,
      logger: silentLogger,
      accountElsewhere: (account) => router.current?.heldElsewhere(account, d.id) ?? false,
    });
    tenants.push({ id: d.id, store, bot, admins: new Set(d.admins) });
  }
  let city: (Tenant & { matcher: ReturnType<typeof buildBot>['matcher']; only: ReadonlySet<string> }) | null =
    null;
  // a deployment of several districts always has its city (src/main.ts), with or without admins
  const cityOptions = options.city ?? {
    admins: [],
    specs: (ledgers: DistrictLedger[]) => cityCommands(() => ledgers),
    only: CITY_ONLY,
  };
  {
    const store = await openTestStore();
    const ledgers = tenants.map((t, i) => ({
      id: t.id,
      name: options.districts[i]?.name ?? t.id,
      store: t.store,
    }));
    addDistrictUnits(store, ledgers, clock.now());
    const bot = buildBot({
      store,
      clock,
      rateClock: () => now.getTime(),
      admins: cityOptions.admins,
      botNames: loadConfig({}).SAIMA_BOT_NAMES,
      logger: silentLogger,
      specs: cityOptions.specs(ledgers),
    });
    city = {
      id: 'city',
      store,
      bot,
      admins: new Set(cityOptions.admins),
      matcher: bot.matcher,
      only: cityOptions.only,
    };
  }
  router.current = new DistrictRouter(tenants, city, loadConfig({}).SAIMA_BOT_NAMES);
  const routed = router.current;
  let last: Reply | null = null;
  let sent = 0;
  const say = async (text: string, opts: DistrictSay): Promise<string> => {
    const message: IncomingMessage = {
      platform: opts.platform ?? 'wecom',
      messageId: opts.id === undefined ? `m${++sent}` : opts.id,
      chatId: opts.chat ?? null,
      chatType: opts.chat ? 'group' : 'single',
      senderId: opts.as,
      text,
    };
    last = await routed.answerDurably(message);
    return renderPlainText(last);
  };
  const storeOf = (id: string): Store => {
    const t = id === 'city' ? city : tenants.find((x) => x.id === id);
    if (!t) throw new Error(`no ledger ${id}`);
    return t.store;
  };
  return {
    say,
    router: routed,
    storeOf,
    lastReply: () => last,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
    close: async () => {
      await Promise.all([...tenants, ...(city ? [city] : [])].map((t) => t.store.close()));
    },
  };
}

/** Each district's 工业园区管委会, with 李四 a member in 高新 and 王五 in 经开. */
export async function staffBoth(d: { say(text: string, opts: DistrictSay): Promise<string> }): Promise<void> {
  for (const [admin, member, name] of [
    ['gx-admin', 'lisi', '李四'],
    ['jk-admin', 'wangwu', '王五'],
  ] as const) {
    await d.say('添加单位 工业园区管委会 类型园区', { as: admin });
    await d.say(`添加成员 ${name} 账号${member} 单位工业园区管委会 角色成员`, { as: admin });
  }
}
