import { describe, expect, it } from 'vitest';
import { CITY_ONLY, cityCommands } from '../../commands/city/index.ts';
import { buildBot } from '../../src/compose.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { DistrictRouter, type Tenant } from '../../src/tenancy/district-router.ts';
import { frozenClock } from '../../src/time/clock.ts';
import { PgPersistence } from '../../storage/pg/pg-persistence.ts';
import { Store } from '../../storage/store.ts';
import { chatTo } from '../helpers/chat-receiver.ts';
import { sharedDatabase } from '../helpers/shared-database.ts';

const clock = frozenClock(new Date('2023-06-10T10:00:00+08:00'));
const shared = sharedDatabase();
const DISTRICTS = [
  { id: 'gaoxin', admins: ['gx-admin'] },
  { id: 'jingkai', admins: ['jk-admin'] },
];

/** One instance of a two-district deployment: a store per stream that learns of the other's changes only when it asks. */
async function instance() {
  const open = async (stream: string) =>
    shared.keep(await Store.open(new PgPersistence({ url: shared.url, stream, pollMs: 60_000 })));
  const tenants: Tenant[] = [];
  for (const d of DISTRICTS) {
    const store = await open(`district:${d.id}`);
    tenants.push({
      id: d.id,
      store,
      admins: new Set(d.admins),
      bot: buildBot({ store, clock, admins: d.admins, logger: silentLogger }),
    });
  }
  const cityStore = await open('city');
  const cityBot = buildBot({
    store: cityStore,
    clock,
    admins: [],
    logger: silentLogger,
    specs: cityCommands(() => tenants.map((t) => ({ id: t.id, name: t.id, store: t.store }))),
  });
  const router = new DistrictRouter(
    tenants,
    {
      id: 'city',
      store: cityStore,
      bot: cityBot,
      admins: new Set(),
      matcher: cityBot.matcher,
      only: CITY_ONLY,
    },
    [],
  );
  const chat = chatTo(router);
  const say = (as: string, text: string) => chat(text, as);
  return { say, store: (id: string) => tenants.find((t) => t.id === id)?.store as Store };
}

describe('a member added through one instance, writing at once through the other', () => {
  it('is answered by their district, not as a stranger', async () => {
    const a = await instance();
    const b = await instance();
    expect(await shared.endListeners()).toBe(6);
    await a.say('gx-admin', '添加单位 工业园区管委会 类型园区');
    await a.say('gx-admin', '添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
    // b has not followed any of it: without catching up it would not know lisi at all
    expect(b.store('gaoxin').seq).toBeLessThan(a.store('gaoxin').seq);
    expect(await b.say('lisi', '登记签约 新能源电池项目 合同额5亿 类型正式合同 日期2023-05-20')).toMatch(
      /已登记签约/,
    );
    expect(b.store('jingkai').projects()).toEqual([]);
  });
});
