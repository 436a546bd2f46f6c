import { cityCommands } from '../../commands/city/index.ts';
import type { DistrictLedger } from '../../src/city/district-ledger.ts';
import { type Conversation, conversation, smallDistrict } from './conversation.ts';
import { openTestStore } from './test-store.ts';

/** The city's admin in these tests (SAIMA_CITY_ADMINS). */
export const MAYOR = { as: 'mayor' };
/** A member of each small district, in 工业园区管委会. */
export const LISI = { as: 'lisi' };

/**
 * A city of small districts (test/helpers/conversation.ts), each on its own store with its own bot,
 * and the city's bot on a store of its own whose units are the districts, as the server makes them
 * at start-up (`withoutUnit`: districts left out of that, as if it had not run for them).
 */
export async function smallCity(
  names: readonly string[],
  options: { now?: string; withoutUnit?: readonly string[] } = {},
) {
  const now = options.now ?? '2023-06-30T10:00:00+08:00';
  const districts: DistrictLedger[] = [];
  const bots = new Map<string, Conversation>();
  for (const [i, name] of names.entries()) {
    const c = await smallDistrict({ now });
    districts.push({ id: `district-${i + 1}`, name, store: c.store });
    bots.set(name, c);
  }
  const store = await openTestStore();
  for (const name of names) {
    if (options.withoutUnit?.includes(name)) continue;
    store.addUnit({ actor: 'start-up', command: 'city-units', at: new Date(now) }, { name, type: '其他' });
  }
  const city = await conversation({
    now,
    store,
    admins: [MAYOR.as],
    specs: cityCommands(() => districts),
  });
  const district = (name: string): Conversation => {
    const c = bots.get(name);
    if (!c) throw new Error(`no district ${name} in this city`);
    return c;
  };
  return { city, district, districts };
}

/** Registers signings in a district one by one, each a new project, and fails on any answer but ✅. */
export async function signings(
  c: Conversation,
  prefix: string,
  n: number,
  form: (i: number) => string,
): Promise<void> {
  for (let i = 1; i <= n; i++) {
    const answer = await c.say(`登记签约 「${prefix}${i}号项目」 ${form(i)}`, LISI);
    if (c.lastReply()?.tone !== 'ok') throw new Error(`signing ${prefix}${i} answered: ${answer}`);
  }
}
