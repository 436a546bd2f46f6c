import type { Project, Trip } from '../../storage/schema.ts';
import { type Case, corpusDistrict, type Expectation, type Step } from './corpus-world.ts';

type District = Awaited<ReturnType<typeof corpusDistrict>>;

/** Everything a message may change that people count on; a question or refusal must leave it as it was. */
function data(c: District): string {
  return JSON.stringify([c.store.projects(), c.store.trips(), c.store.units(), c.store.members()]);
}

const COMMAND_IDS: Record<string, string> = {
  登记签约: 'register-signing',
  登记开工: 'register-start',
  到位资金: 'add-instalment',
  登记在谈: 'register-negotiation',
  进度: 'add-progress',
  问题: 'add-problem',
  终止项目: 'terminate-project',
  外出招商: 'add-trip',
};

function sameText(a: unknown, b: unknown): boolean {
  // the reader writes what it records in NFKC (full-width brackets half-width), as people's forms vary
  const fold = (v: unknown) =>
    String(v)
      .normalize('NFKC')
      .replace(/[\s,.，。]/g, '')
      .toLowerCase();
  return fold(a) === fold(b);
}

function checkProject(p: Project, command: string, fields: Record<string, unknown>): string | null {
  const last = <T>(xs: T[]) => xs[xs.length - 1];
  const want = (label: string, got: unknown, ok = (g: unknown, w: unknown) => g === w) => {
    if (!(label in fields)) return null;
    return ok(got, fields[label])
      ? null
      : `${label}: got ${JSON.stringify(got)}, want ${JSON.stringify(fields[label])}`;
  };
  const contains = (g: unknown, w: unknown) => typeof g === 'string' && g.includes(String(w));
  const checks: Array<string | null> = [];
  if (command === '登记签约') {
    checks.push(
      want('合同额', p.signing?.amountWan),
      want('合同类型', p.signing?.type),
      want('签约日期', p.signing?.date),
      want('投资方', p.investor, sameText),
    );
  } else if (command === '登记开工') {
    checks.push(want('开工类型', p.start?.type), want('开工日期', p.start?.date));
  } else if (command === '到位资金') {
    const i = last(p.instalments);
    checks.push(
      want('到位金额', i?.amountWan),
      want('到位日期', i?.date),
      want('凭证', i?.evidence, contains),
    );
  } else if (command === '登记在谈') {
    checks.push(want('投资额', p.investmentWan), want('投资方', p.investor, sameText));
    if (p.stage !== '在谈') checks.push(`stage ${p.stage}`);
  } else if (command === '进度') {
    checks.push(want('进展包含', last(p.notes)?.text, contains));
  } else if (command === '问题') {
    const q = last(p.problems);
    checks.push(want('问题类型', q?.category), want('问题包含', q?.text, contains));
  } else if (command === '终止项目') {
    checks.push(want('原因包含', p.termination?.reason, contains));
  }
  return checks.filter(Boolean).join('; ') || null;
}

function checkTrip(t: Trip | undefined, fields: Record<string, unknown>): string | null {
  if (!t) return 'no trip recorded';
  const problems: string[] = [];
  if ('目的地' in fields && !sameText(t.destination, fields.目的地)) problems.push(`目的地 ${t.destination}`);
  if ('带队' in fields && !sameText(t.leaderName, fields.带队)) problems.push(`带队 ${t.leaderName}`);
  if ('日期' in fields && t.date !== fields.日期) problems.push(`日期 ${t.date}`);
  if ('对接企业' in fields) {
    const want = (fields.对接企业 as string[]).map((e) => e.trim()).sort();
    if (JSON.stringify([...t.enterprises].sort()) !== JSON.stringify(want))
      problems.push(`对接企业 ${t.enterprises.join('、')}`);
  }
  return problems.join('; ') || null;
}

/** What a waiting question asks for, in the corpus's words. */
function askedFor(c: District, account: string): string | null {
  const q = c.store.pendingQuestion(`test:-:${account}`);
  if (!q) return null;
  if (q.options.some((o) => o.confirm || o.text)) return '确认';
  if (q.options.some((o) => o.command)) return '事件';
  if (q.options.some((o) => o.set && ('name' in o.set || 'destination' in o.set))) return '项目';
  if (q.field === 'name') return '项目';
  if (q.free === 'amount' && q.options.length) return '金额单位';
  if (q.free === 'amount') return '金额';
  if (q.free === 'date') return '日期';
  if (q.field === 'type' && q.command === 'register-signing') return '合同类型';
  if (q.field === 'type' && q.command === 'register-start') return '开工类型';
  return q.field;
}

/**
 * What went wrong with a message: `wrong` when the ledger changed in a way it should not (a write
 * that was not meant, or one with other values) — the one thing that must never happen; `miss`
 * when the bot only failed to read it (asked, refused or answered something else).
 */
export interface Verdict {
  wrong: boolean;
  why: string;
}

/** Runs one expectation's message and says what went wrong, or null when it was read right. */
async function step(c: District, account: string, text: string, e: Expectation): Promise<Verdict | null> {
  const why = await stepWhy(c, account, text, e);
  if (!why) return null;
  const wrong = why.startsWith('wrote something') || (!!e.do && !why.startsWith('nothing written'));
  return { wrong, why };
}

async function stepWhy(c: District, account: string, text: string, e: Expectation): Promise<string | null> {
  const before = data(c);
  const trips = c.store.trips().length;
  const reply = await c.say(text, { as: account });
  const kind = c.lastReply()?.tone;
  const changed = data(c) !== before;
  const show = `${reply.split('\n')[0]?.slice(0, 80)}`;
  if (e.do) {
    if (!changed) return `nothing written: ${show}`;
    if (e.do === '外出招商') {
      if (c.store.trips().length !== trips + 1) return `no trip: ${show}`;
      return checkTrip(c.store.trips().at(-1), e.fields ?? {});
    }
    const p = c.store.projects().find((x) => x.name === e.project);
    if (!p) return `no project named ${e.project}: ${show}`;
    if (!COMMAND_IDS[e.do]) return `unknown command ${e.do}`;
    return checkProject(p, e.do, e.fields ?? {});
  }
  if (changed) return `wrote something: ${show}`;
  if (e.ask) {
    const asked = askedFor(c, account);
    if (asked === e.ask) return null;
    if (e.ask === '日期' && kind !== 'ok' && /哪一天|具体日期/u.test(reply)) return null;
    return `asked ${asked ?? 'nothing'}, want ${e.ask}: ${show}`;
  }
  if (e.query) {
    const canonical = [e.query, e.project ?? e.unit ?? e.chain ?? e.leader ?? e.topic ?? ''].join(' ').trim();
    const want = await c.say(canonical, { as: account });
    return want === reply ? null : `answered ${show}, want「${canonical}」`;
  }
  if (e.refuse) return kind === 'ok' ? `accepted: ${show}` : null;
  return null;
}

export async function judge(k: Case): Promise<Verdict | null> {
  const c = await corpusDistrict();
  const account = k.as ?? 'lisi';
  const first = await step(c, account, k.text, k.expect);
  if (first) return first;
  for (const s of [...(k.expect.then ?? []), ...(k.then ?? [])] as Step[]) {
    const verdict = await step(c, s.as ?? account, s.text, s.expect);
    if (verdict) return { ...verdict, why: `then「${s.text}」: ${verdict.why}` };
  }
  return null;
}
