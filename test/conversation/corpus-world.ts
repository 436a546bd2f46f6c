import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conversation } from '../helpers/conversation.ts';

/** The district every corpus message is sent in (world.json), built through the bot's own commands. */
interface World {
  now: string;
  units: Array<{ name: string; type: string }>;
  members: Array<{ name: string; account: string; unit: string | null; role: string }>;
  projects: Array<{
    id: string;
    name: string;
    unit: string;
    chain: string;
    stage: string;
    investor?: string;
    signing?: { type: string; amountWan: number; date: string };
    start?: { type: string; date: string };
    instalments?: Array<{ amountWan: number; date: string; at: string }>;
  }>;
}

const DIR = import.meta.dirname;
export const world = JSON.parse(readFileSync(join(DIR, 'world.json'), 'utf8')) as World;

const ROLE: Record<string, string> = { member: '成员', leader: '领导', admin: '管理员' };

/** A fresh bot in the corpus district, at the corpus moment (Friday 2026-11-27 10:00 Shanghai). */
export async function corpusDistrict() {
  const c = await conversation({ now: world.now });
  const must = async (text: string) => {
    const answer = await c.say(text);
    if (!/^✅/u.test(answer)) throw new Error(`world setup failed: ${text}\n${answer}`);
  };
  for (const u of world.units) await must(`添加单位 ${u.name} 类型${u.type}`);
  for (const m of world.members) {
    if (m.account === 'admin') continue;
    await must(`添加成员 ${m.name} 账号${m.account} ${m.unit ? `单位${m.unit} ` : ''}角色${ROLE[m.role]}`);
  }
  for (const p of world.projects) {
    const name = `“${p.name}”`;
    const investor = p.investor ? ` 投资方 “${p.investor}”` : '';
    if (p.signing) {
      await must(
        `登记签约 ${name} 合同额${p.signing.amountWan}万 类型${p.signing.type} 日期${p.signing.date} 单位${p.unit} 产业链${p.chain}${investor}`,
      );
    } else {
      await must(`登记在谈 ${name} 单位${p.unit} 产业链${p.chain}${investor} 日期2026-01-05`);
    }
  }
  for (const p of world.projects) {
    if (p.start) await must(`登记开工 ${p.id} 类型${p.start.type} 日期${p.start.date}`);
    for (const i of p.instalments ?? []) {
      c.setNow(i.at);
      await must(`到位资金 ${p.id} ${i.amountWan}万 日期${i.date}`);
    }
  }
  c.setNow(world.now);
  return c;
}

export interface Step {
  text: string;
  as?: string;
  expect: Expectation;
}
export interface Expectation {
  do?: string;
  project?: string;
  fields?: Record<string, unknown>;
  ask?: string;
  then?: Step[];
  query?: string;
  unit?: string;
  chain?: string;
  leader?: string;
  topic?: string;
  refuse?: string;
  ignore?: boolean;
}
export interface Case {
  id: string;
  as?: string;
  text: string;
  hard?: boolean;
  expect: Expectation;
  then?: Step[];
}

export function corpusFiles(dir = join(DIR, 'corpus')): Array<{ area: string; cases: Case[] }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ area: f.replace(/\.json$/, ''), cases: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}
