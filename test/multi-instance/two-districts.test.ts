import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase, queryRows } from '../helpers/postgres.ts';
import { chatViaSocket } from '../helpers/server-process.ts';
import { Instance } from './instance.ts';
import { seededRandom } from './seeded-random.ts';

const DISTRICTS = [
  { id: 'gaoxin', name: '高新区', admin: 'gx-admin', investor: '甲集团', wan: 50_000 },
  { id: 'jingkai', name: '经开区', admin: 'jk-admin', investor: '乙集团', wan: 80_000 },
] as const;
const MEMBERS = 12;
/** 到位资金 each member reports while an instance dies. */
const FUNDS = 8;
const SEED = Number(process.env.SAIMA_CHAOS_SEED ?? Date.now() % 1_000_000);

/** 第02号 and 第12号: no name is part of another, which the bot would rightly ask about. */
const projectName = (district: string, m: number) => `${district}第${String(m).padStart(2, '0')}号项目`;

let db: FreshDatabase;
let instances: [Instance, Instance];

beforeAll(async () => {
  db = await freshDatabase();
  const env = {
    SAIMA_DATABASE_URL: db.url,
    SAIMA_DISTRICTS: DISTRICTS.map((d) => `${d.id}:${d.name}:${d.admin}`).join(','),
    SAIMA_CITY_ADMINS: 'city-admin',
    SAIMA_NOW: '2023-06-30T10:00:00+08:00',
  };
  instances = [new Instance('a', env), new Instance('b', env)];
  await Promise.all(instances.map((i) => i.start()));
}, 120_000);

afterAll(async () => {
  await Promise.all((instances ?? []).map((i) => i.kill()));
  await db?.drop();
});

describe('two server processes serving two districts from one database', () => {
  it('store each district on its own stream, each report once, and both answer every district alike', {
    timeout: 180_000,
  }, async () => {
    const [a, b] = instances;
    const say = (i: Instance, as: string, text: string) => chatViaSocket(i.dataDir, as, text);
    for (const d of DISTRICTS) {
      expect(await say(a, d.admin, '添加单位 工业园区管委会 类型园区')).toMatch(/已添加单位/);
      for (let m = 1; m <= MEMBERS; m++)
        expect(
          await say(b, d.admin, `添加成员 成员${m} 账号${d.id}-${m} 单位工业园区管委会 角色成员`),
        ).toMatch(/已添加成员/);
    }
    // every member of both districts reports at once, half through each instance, some through both
    await Promise.all(
      DISTRICTS.flatMap((d) =>
        Array.from({ length: MEMBERS }, async (_, i) => {
          const m = i + 1;
          const text = `登记签约 ${projectName(d.name, m)} 合同额${d.wan / 10_000}亿 投资方${d.investor} 类型正式合同 日期2023-05-20`;
          const messageId = `${d.id}-${m}`;
          const targets = m % 4 === 0 ? [a, b] : [m % 2 ? a : b];
          const answers = await Promise.all(
            targets.map((i) => chatViaSocket(i.dataDir, `${d.id}-${m}`, text, messageId)),
          );
          for (const answer of answers) expect(answer).toMatch(/已登记签约|已经处理过/);
        }),
      ),
    );
    const signings = await queryRows<{ stream: string; n: string }>(
      db.url,
      `SELECT stream, count(*) AS n FROM saima_journal WHERE record LIKE '%"command":"register-signing"%' GROUP BY stream ORDER BY stream`,
    );
    expect(signings.map((r) => [r.stream, Number(r.n)])).toEqual([
      ['district:gaoxin', MEMBERS],
      ['district:jingkai', MEMBERS],
    ]);
    for (const d of DISTRICTS) {
      const expected = new RegExp(`${(MEMBERS * d.wan) / 10_000}(\\.0+)?亿`);
      const until = Date.now() + 10_000;
      let answers: string[] = [];
      do {
        answers = await Promise.all(instances.map((i) => say(i, d.admin, '全区进度')));
      } while (answers[0] !== answers[1] && Date.now() < until);
      expect(answers[0]).toBe(answers[1]);
      expect(answers[0]).toMatch(expected);
    }
  });

  it('keep every report of both districts exactly once while one instance is killed with SIGKILL and restarted', {
    timeout: 180_000,
  }, async () => {
    const [a, b] = instances;
    const random = seededRandom(SEED);
    const total = DISTRICTS.length * MEMBERS * FUNDS;
    let answered = 0;
    let resent = 0;
    const sendUntilAnswered = async (as: string, text: string, messageId: string): Promise<string> => {
      for (let attempt = 0; ; attempt++) {
        // as a platform redelivers after a timeout: to either instance, the same message id
        const target = attempt === 0 ? (random() < 0.5 ? a : b) : attempt % 2 ? a : b;
        try {
          const answer = await chatViaSocket(target.dataDir, as, text, messageId);
          answered++;
          return answer;
        } catch {
          resent++;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const load = Promise.all(
      DISTRICTS.flatMap((d) =>
        Array.from({ length: MEMBERS }, async (_, i) => {
          const account = `${d.id}-${i + 1}`;
          for (let k = 1; k <= FUNDS; k++) {
            const answer = await sendUntilAnswered(
              account,
              `到位资金 ${projectName(d.name, i + 1)} ${50 + k}万 凭证银行回单`,
              `${account}-funds-${k}`,
            );
            expect(answer).toMatch(/已登记到位资金|已经处理过/);
          }
        }),
      ),
    );
    // a third of the reports in, at a moment the seed picks among the messages in flight
    const killAt = Math.floor(total / 3 + random() * (total / 3));
    while (answered < killAt) await new Promise((r) => setTimeout(r, 2));
    await b.kill();
    await new Promise((r) => setTimeout(r, 1_000));
    await b.start();
    await load;
    // the kill cut messages off: they were sent again, as platforms do
    expect(resent).toBeGreaterThan(0);
    const funds = await queryRows<{ stream: string; n: string }>(
      db.url,
      `SELECT stream, count(*) AS n FROM saima_journal WHERE record LIKE '%"command":"add-instalment"%' GROUP BY stream ORDER BY stream`,
    );
    expect(funds.map((r) => [r.stream, Number(r.n)])).toEqual([
      ['district:gaoxin', MEMBERS * FUNDS],
      ['district:jingkai', MEMBERS * FUNDS],
    ]);
    for (const d of DISTRICTS) {
      const until = Date.now() + 10_000;
      let answers: string[] = [];
      do {
        answers = await Promise.all(instances.map((i) => chatViaSocket(i.dataDir, d.admin, '全区进度')));
      } while (answers[0] !== answers[1] && Date.now() < until);
      expect(answers[0]).toBe(answers[1]);
      expect(answers[0]).toMatch(
        new RegExp(`到位资金\\s+${MEMBERS * (FUNDS * 50 + (FUNDS * (FUNDS + 1)) / 2)}万元`),
      );
    }
  });
});
