import type { ContractType, Project, StartType } from '../../storage/schema.ts';
import type { ChangeMeta, Store } from '../../storage/store.ts';
import { INDICATOR_INFO } from '../domain/indicator-catalogue.ts';
import { indicatorsFor } from '../race/indicators.ts';
import { yearToDate } from '../race/period.ts';
import { readSettings } from '../race/settings.ts';
import { elapsedFraction } from '../race/time-progress.ts';
import { addDays, daysBetween, type LocalDate, localDate } from '../time/clock.ts';
import {
  DEMO_CHAINS,
  DEMO_LEADERS,
  DEMO_UNITS,
  ENTERPRISE_NAMES,
  INVESTOR_STEMS,
  MEMBER_NAMES,
} from './demo-names.ts';
import { Random } from './random.ts';

const LEADER_ACCOUNTS = [
  'wangjianguo',
  'lizhiqiang',
  'liuhongmei',
  'chenming',
  'yangfan',
  'zhaolei',
  'zhoujing',
  'wutao',
];
const START_TYPES: StartType[] = ['建安类', '建安类', '设备购置类', '开业类'];
const EVIDENCE = ['银行回单', '验资报告', '银行回单', '固定资产投资入库凭证'];
/** Progress notes by how far a project is: a project that has not started has no roof and no trial run. */
const NOTES: Record<'talking' | 'signed' | 'started', string[]> = {
  talking: [
    '企业负责人来区考察，已对接用地方案',
    '投资方董事会已审议通过投资计划',
    '双方就合同条款进行第二轮磋商',
    '已提供产业政策清单，企业正在测算投资回报',
  ],
  signed: [
    '完成项目备案，正在办理环评',
    '土地已摘牌，施工图设计中',
    '召开专题调度会，协调水电气接入',
    '正在对接银行融资，开工准备放缓',
  ],
  started: [
    '主体厂房封顶，设备陆续进场',
    '首批设备调试完成，计划下月试生产',
    '召开专题调度会，协调水电气接入',
    '正在对接银行融资，资金到位节奏放缓',
  ],
};

function notesFor(stage: string): string[] {
  if (stage === '开工' || stage === '投产') return NOTES.started;
  if (stage === '签约') return NOTES.signed;
  return NOTES.talking;
}
const PROBLEMS: Array<['资金' | '土地' | '审批' | '政策', string]> = [
  ['土地', '土地报批未完成，影响进场'],
  ['资金', '企业融资未落实，资金缺口较大'],
  ['审批', '环评审批排队中'],
  ['政策', '企业希望明确电价优惠政策'],
];

/** What the demo district was built around, for the person who runs it. */
export interface DemoDistrict {
  /** The year whose first half reproduces the seed report's figures. */
  year: number;
  leaderAccount: string;
  adminAccount: string;
  projects: number;
}

/**
 * Fills an empty store with a district modelled on the seed report, through the store's own verbs.
 * Everything is placed relative to `now` so that the first half of the reference year (this year
 * once June is over, else last year) gives exactly the seed's figures: 38 formal contracts for
 * 64.1亿元, 53 starts, a three-year start rate of 40.2%, 6.1亿元 in place, 24 leader-led trips
 * meeting 45 enterprises and 29 signed projects not yet started.
 */
export function buildDemoDistrict(store: Store, now: Date): DemoDistrict {
  const rnd = new Random(20230630);
  const today = localDate(now);
  const thisYear = Number(today.slice(0, 4));
  const Y = today >= `${thisYear}-07-01` ? thisYear : thisYear - 1;
  const h1End = `${Y}-06-30`;

  const at = (date: LocalDate, hour = 10): Date => {
    const t = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
    return t > now ? now : t;
  };
  const meta = (actor: string, command: string, date: LocalDate): ChangeMeta => ({
    actor,
    command,
    at: at(date),
    text: null,
    messageKey: null,
  });
  const dateIn = (from: LocalDate, to: LocalDate): LocalDate => {
    const last = to > today ? today : to;
    if (last <= from) return last < from ? last : from;
    return addDays(from, rnd.int(0, daysBetween(from, last)));
  };
  const capped = (d: LocalDate) => (d > today ? today : d);

  // ── people and places ──────────────────────────────────────────────────
  const admin = 'qianjin';
  const setup = (command: string) => meta(admin, command, `${Y - 3}-01-05`);
  const unitIds = new Map<string, string>();
  for (const [name, type] of DEMO_UNITS)
    unitIds.set(name, store.addUnit(setup('add-unit'), { name, type }).id);
  const memberOf = new Map<string, { account: string; name: string }>();
  DEMO_UNITS.forEach(([unit], i) => {
    const name = MEMBER_NAMES[i] as string;
    const account = i === 0 ? admin : `member${String(i).padStart(2, '0')}`;
    store.upsertMember(setup('add-member'), {
      name,
      account,
      unitId: unitIds.get(unit) as string,
      role: i === 0 ? 'admin' : 'member',
    });
    memberOf.set(unit, { account, name });
  });
  DEMO_LEADERS.forEach((name, i) => {
    store.upsertMember(setup('add-member'), {
      name,
      account: LEADER_ACCOUNTS[i] as string,
      unitId: null,
      role: 'leader',
    });
  });
  DEMO_CHAINS.forEach(([chain, lead, members], i) => {
    store.setChain(setup('set-chain'), {
      name: chain,
      headName: DEMO_LEADERS[i % DEMO_LEADERS.length] as string,
      leadUnitId: unitIds.get(lead) as string,
      memberUnitIds: members.map((m) => unitIds.get(m) as string),
    });
  });

  // ── projects ───────────────────────────────────────────────────────────
  const used = new Map<string, number>();
  const nameFor = (chainIndex: number): string => {
    const products = (DEMO_CHAINS[chainIndex] as (typeof DEMO_CHAINS)[number])[3];
    for (let k = 0; k < 200; k++) {
      const product = rnd.pick(products);
      const n = (used.get(product) ?? 0) + 1;
      if (n > 3) continue;
      used.set(product, n);
      return `${product}${['', '二期', '三期'][n - 1]}项目`;
    }
    throw new Error('ran out of project names');
  };

  interface Plan {
    type?: ContractType;
    signed: LocalDate;
    amountWan: number;
    negotiationSince?: LocalDate;
    start?: LocalDate;
    terminate?: LocalDate;
    startDeadline?: LocalDate;
    investmentWan?: number;
  }

  const created: Project[] = [];
  const addProject = (plan: Plan): Project => {
    const chainIndex = rnd.int(0, DEMO_CHAINS.length - 1);
    const [chain, lead, members] = DEMO_CHAINS[chainIndex] as (typeof DEMO_CHAINS)[number];
    const unit = rnd.pick([lead, ...members]);
    const reporter = memberOf.get(unit) as { account: string; name: string };
    const fields = {
      name: nameFor(chainIndex),
      unitId: unitIds.get(unit) as string,
      investor: `${rnd.pick(INVESTOR_STEMS)}${chain.slice(0, 2)}有限公司`,
      chain,
      investmentWan: plan.investmentWan ?? Math.round((plan.amountWan * (1 + rnd.next())) / 100) * 100,
      leaderName: DEMO_LEADERS[chainIndex % DEMO_LEADERS.length] as string,
      ownerName: reporter.name,
    };
    let project: Project;
    if (plan.negotiationSince) {
      project = store.registerNegotiation(
        meta(reporter.account, 'register-negotiation', plan.negotiationSince),
        {
          ...fields,
          date: plan.negotiationSince,
        },
      );
      project = store.registerSigning(
        meta(reporter.account, 'register-signing', plan.signed),
        { projectId: project.id },
        {
          type: plan.type ?? '正式合同',
          date: plan.signed,
          amountWan: plan.amountWan,
          startDeadline: plan.startDeadline ?? null,
        },
      ).project;
    } else {
      project = store.registerSigning(
        meta(reporter.account, 'register-signing', plan.signed),
        { create: fields },
        {
          type: plan.type ?? '正式合同',
          date: plan.signed,
          amountWan: plan.amountWan,
          startDeadline: plan.startDeadline ?? null,
        },
      ).project;
    }
    if (plan.start) {
      project = store.certifyStart(meta(reporter.account, 'register-start', plan.start), project.id, {
        type: rnd.pick(START_TYPES),
        date: plan.start,
      });
    }
    if (plan.terminate) {
      project = store.terminateProject(
        meta(reporter.account, 'terminate-project', plan.terminate),
        project.id,
        {
          reason: rnd.pick([
            '企业战略调整',
            '投资方资金链断裂',
            '要素条件无法满足',
            '市场环境变化，企业暂缓投资',
          ]),
          date: plan.terminate,
        },
      );
    }
    created.push(project);
    return project;
  };

  const amount = () => rnd.int(20, 300) * 100;
  const yearDate = (y: number, from = '01-01', to = '12-31') => dateIn(`${y}-${from}`, `${y}-${to}`);
  const after = (d: LocalDate, minDays: number, last: LocalDate) => dateIn(capped(addDays(d, minDays)), last);

  // Signed three years before the reference year: outside the start-rate window, all started or ended by mid-year.
  for (let i = 0; i < 25; i++) {
    const signed = yearDate(Y - 3);
    if (i < 20) addProject({ signed, amountWan: amount(), start: dateIn(`${Y}-01-01`, h1End) });
    else if (i < 23) addProject({ signed, amountWan: amount(), start: after(signed, 200, `${Y - 2}-12-31`) });
    else addProject({ signed, amountWan: amount(), terminate: yearDate(Y - 1) });
  }
  // Two years before: 10 started (2 of them this half), 9 ended, 3 still waiting.
  for (let i = 0; i < 22; i++) {
    const signed = yearDate(Y - 2, '01-01', '10-31');
    if (i < 8) addProject({ signed, amountWan: amount(), start: after(signed, 30, `${Y - 1}-12-31`) });
    else if (i < 10) addProject({ signed, amountWan: amount(), start: dateIn(`${Y}-01-01`, h1End) });
    else if (i < 19) addProject({ signed, amountWan: amount(), terminate: after(signed, 60, h1End) });
    else addProject({ signed, amountWan: amount(), startDeadline: i === 21 ? `${Y}-09-30` : undefined });
  }
  // Last year: 10 started (6 of them this half), 8 ended, 4 waiting.
  for (let i = 0; i < 22; i++) {
    const signed = yearDate(Y - 1, '01-01', '10-31');
    if (i < 4) addProject({ signed, amountWan: amount(), start: after(signed, 20, `${Y - 1}-12-31`) });
    else if (i < 10) addProject({ signed, amountWan: amount(), start: dateIn(`${Y}-01-01`, h1End) });
    else if (i < 18) addProject({ signed, amountWan: amount(), terminate: after(signed, 45, h1End) });
    else addProject({ signed, amountWan: amount() });
  }
  // The reference half year: 38 formal contracts for exactly 64.1亿元.
  const h1Amounts = rnd.split(641_000, 38, 3_000, 60_000);
  const laterStarts = rnd.shuffle(Array.from({ length: 22 }, (_, i) => i < 8));
  for (let i = 0; i < 38; i++) {
    const amountWan = h1Amounts[i] as number;
    const viaNegotiation = i % 2 === 0;
    const plan: Plan = {
      signed: '',
      amountWan,
      investmentWan: amountWan >= 100_000 ? amountWan + 20_000 : undefined,
    };
    if (i < 13) {
      plan.signed = dateIn(`${Y}-01-01`, `${Y}-04-30`);
      plan.start = after(plan.signed, 10, h1End);
    } else if (i < 16) {
      plan.signed = dateIn(`${Y}-01-01`, `${Y}-03-31`);
      plan.terminate = after(plan.signed, 20, h1End);
    } else {
      plan.signed = dateIn(`${Y}-01-01`, h1End);
      if (laterStarts[i - 16] && today >= `${Y}-07-01`) plan.start = dateIn(`${Y}-07-01`, today);
    }
    if (viaNegotiation) plan.negotiationSince = addDays(plan.signed, -rnd.int(20, 150));
    addProject(plan);
  }
  // Framework and intent agreements: tracked, started, never counted as contracts.
  for (let i = 0; i < 15; i++) {
    const signed = dateIn(`${Y - 1}-07-01`, `${Y}-03-31`);
    const type: ContractType = i % 3 === 0 ? '意向协议' : '框架协议';
    addProject({
      type,
      signed,
      amountWan: amount(),
      start:
        i < 12 ? dateIn(capped(`${Y}-01-01` > signed ? `${Y}-01-01` : addDays(signed, 1)), h1End) : undefined,
    });
  }
  // Signed since the half year ended.
  if (today > `${Y}-07-01`) {
    for (let i = 0; i < 10; i++) addProject({ signed: dateIn(`${Y}-07-01`, today), amountWan: amount() });
  }
  // Still negotiating, some near or past their limit; and negotiations that ended without a contract.
  for (let i = 0; i < 20; i++) {
    const chainIndex = rnd.int(0, DEMO_CHAINS.length - 1);
    const [chain, lead, members] = DEMO_CHAINS[chainIndex] as (typeof DEMO_CHAINS)[number];
    const unit = rnd.pick([lead, ...members]);
    const reporter = memberOf.get(unit) as { account: string; name: string };
    const since = addDays(today, -rnd.int(3, 200));
    const p = store.registerNegotiation(meta(reporter.account, 'register-negotiation', since), {
      name: nameFor(chainIndex),
      unitId: unitIds.get(unit) as string,
      chain,
      investor: `${rnd.pick(INVESTOR_STEMS)}${chain.slice(0, 2)}有限公司`,
      investmentWan: i < 4 ? rnd.int(10, 30) * 10_000 : rnd.int(5, 80) * 1000,
      leaderName: DEMO_LEADERS[chainIndex % DEMO_LEADERS.length] as string,
      ownerName: reporter.name,
      date: since,
    });
    created.push(p);
    if (i >= 15) {
      const since2 = dateIn(`${Y}-01-01`, `${Y}-03-31`);
      const q = store.registerNegotiation(meta(reporter.account, 'register-negotiation', since2), {
        name: nameFor(chainIndex),
        unitId: unitIds.get(unit) as string,
        chain,
        date: since2,
      });
      const ended = after(since2, 30, h1End);
      store.terminateProject(meta(reporter.account, 'terminate-project', ended), q.id, {
        reason: '企业另选址，洽谈终止',
        date: ended,
      });
    }
  }

  // ── money in place ─────────────────────────────────────────────────────
  const byId = (id: string) => store.project(id) as Project;
  const fundable = (from: LocalDate) =>
    created.map((p) => byId(p.id)).filter((p) => p.signing && p.signing.date <= from && p.stage !== '终止');
  const reporterOf = (p: Project) =>
    [...memberOf.entries()].find(([unit]) => unitIds.get(unit) === p.unitId)?.[1].account ?? admin;
  const h1Funds = rnd.split(61_000, 40, 300, 4_000);
  const h1Candidates = fundable(`${Y}-05-31`).filter((p) => p.start !== null);
  for (const amountWan of h1Funds) {
    const p = rnd.pick(h1Candidates);
    const from = p.signing && p.signing.date > `${Y}-01-01` ? p.signing.date : `${Y}-01-01`;
    const date = dateIn(from, h1End);
    store.addInstalment(meta(reporterOf(p), 'add-instalment', date), p.id, {
      date,
      amountWan,
      evidence: rnd.pick(EVIDENCE),
    });
  }
  for (const [from, to, count] of [
    [`${Y - 1}-01-01`, `${Y - 1}-12-31`, 30],
    [`${Y}-07-01`, today, today > `${Y}-07-01` ? 20 : 0],
  ] as Array<[LocalDate, LocalDate, number]>) {
    const candidates = fundable(from);
    for (let i = 0; i < count && candidates.length; i++) {
      const p = rnd.pick(candidates);
      const date = dateIn(from, to);
      store.addInstalment(meta(reporterOf(p), 'add-instalment', date), p.id, {
        date,
        amountWan: rnd.int(3, 40) * 100,
        evidence: rnd.pick(EVIDENCE),
      });
    }
  }

  // ── trips ──────────────────────────────────────────────────────────────
  const outposts = DEMO_UNITS.filter(([, type]) => type === '驻外招商组').map(([name]) => name);
  const destinations = ['深圳', '广州', '东莞', '上海', '苏州', '杭州', '北京', '天津', '成都', '重庆'];
  const met = rnd.shuffle(ENTERPRISE_NAMES.slice(0, 45));
  const perTrip = rnd.split(45, 24, 1, 4);
  let cursor = 0;
  for (let i = 0; i < 24; i++) {
    const fresh = met.slice(cursor, cursor + (perTrip[i] as number));
    cursor += perTrip[i] as number;
    const again = i % 5 === 4 ? [rnd.pick(met.slice(0, cursor))] : [];
    const unit = rnd.pick(outposts);
    const date = dateIn(`${Y}-01-01`, h1End);
    store.recordTrip(meta(memberOf.get(unit)?.account ?? admin, 'add-trip', date), {
      destination: rnd.pick(destinations),
      leaderName: rnd.pick(DEMO_LEADERS),
      ledByDistrictLeader: true,
      enterprises: [...fresh, ...again],
      date,
      unitId: unitIds.get(unit) as string,
    });
  }
  const tripsOutside: Array<[LocalDate, LocalDate, boolean, number]> = [
    [`${Y}-01-01`, h1End, false, 6],
    [`${Y - 1}-01-01`, `${Y - 1}-12-31`, true, 30],
    [`${Y}-07-01`, today, true, today > `${Y}-07-01` ? 12 : 0],
  ];
  for (const [from, to, byLeader, count] of tripsOutside) {
    for (let i = 0; i < count; i++) {
      const unit = rnd.pick(outposts);
      const member = memberOf.get(unit) as { account: string; name: string };
      const date = dateIn(from, to);
      store.recordTrip(meta(member.account, 'add-trip', date), {
        destination: rnd.pick(destinations),
        leaderName: byLeader ? rnd.pick(DEMO_LEADERS) : member.name,
        ledByDistrictLeader: byLeader,
        enterprises: rnd.shuffle(ENTERPRISE_NAMES.slice(byLeader ? 0 : 45)).slice(0, rnd.int(1, 3)),
        date,
        unitId: unitIds.get(unit) as string,
      });
    }
  }

  // ── notes and blockers ─────────────────────────────────────────────────
  for (const p0 of created) {
    const p = byId(p0.id);
    if (p.stage === '终止') continue;
    const lastEvent = p.stageHistory[p.stageHistory.length - 1]?.date ?? today;
    const recent = rnd.next() < 0.7;
    const noteDate = recent ? dateIn(addDays(today, -25), today) : dateIn(lastEvent, addDays(today, -40));
    if (noteDate < lastEvent) continue;
    store.addProgressNote(meta(reporterOf(p), 'add-progress', noteDate), p.id, rnd.pick(notesFor(p.stage)));
    if (p.stage === '签约' && rnd.next() < 0.35) {
      const [category, text] = rnd.pick(PROBLEMS);
      store.recordProblem(meta(reporterOf(p), 'add-problem', noteDate), p.id, { category, text });
    }
  }

  // ── targets ────────────────────────────────────────────────────────────
  const targetDay = `${Y}-01-10`;
  store.setTargets(meta(admin, 'set-target', targetDay), {
    scope: { kind: 'district' },
    year: Y,
    tier: '报告目标',
    values: [{ indicator: 'contractCount', value: 40 }],
  });
  store.setTargets(meta(admin, 'set-target', targetDay), {
    scope: { kind: 'district' },
    year: Y,
    tier: '市级目标',
    values: [{ indicator: 'contractAmount', value: 1_200_000 }],
  });
  store.setTargets(meta(admin, 'set-target', targetDay), {
    scope: { kind: 'district' },
    year: Y,
    tier: 'M0',
    values: [{ indicator: 'contractAmount', value: 1_602_500 }],
  });
  // Unit targets are set so that, at the reference date, the units spread over all five colours.
  const settings = readSettings(store);
  const asOf = today.slice(0, 4) === String(Y) ? today : `${Y}-12-31`;
  const elapsed = elapsedFraction(asOf, settings.progressMode);
  const paces = [
    1.25, 1.08, 1.0, 0.96, 0.92, 0.85, 0.8, 0.74, 0.66, 0.6, 0.55, 0.45, 0.38, 1.12, 0.9, 0.7, 0.5, 0.3, 1.02,
  ];
  DEMO_UNITS.forEach(([unit], i) => {
    // the bureau coordinates the race; it is not ranked in it
    if (i === 0) return;
    const unitId = unitIds.get(unit) as string;
    const v = indicatorsFor(store, { kind: 'unit', unitId }, yearToDate(asOf), settings);
    const pace = (paces[i % paces.length] as number) * (0.97 + rnd.next() * 0.06);
    const target = (actual: number, unitSize: number, floor: number) =>
      Math.max(floor, Math.round(actual / (elapsed * pace) / unitSize) * unitSize);
    const values = [
      { indicator: 'contractCount' as const, value: target(v.contractCount, 1, 2) },
      { indicator: 'contractAmount' as const, value: target(v.contractAmount, 1000, 10_000) },
      { indicator: 'startedCount' as const, value: target(v.startedCount, 1, 1) },
      { indicator: 'fundsInPlace' as const, value: target(v.fundsInPlace, 100, 1000) },
    ];
    store.setTargets(meta(admin, 'set-target', targetDay), {
      scope: { kind: 'unit', unitId },
      year: Y,
      tier: '市级目标',
      values,
    });
    store.setTargets(meta(admin, 'set-target', targetDay), {
      scope: { kind: 'unit', unitId },
      year: Y,
      tier: 'M0',
      values: values.map((x) => ({
        indicator: x.indicator,
        value:
          INDICATOR_INFO[x.indicator].kind === 'amount'
            ? Math.round((x.value * 1.25) / 100) * 100
            : Math.ceil(x.value * 1.25),
      })),
    });
  });

  // The seed's own figures (40.2% with 29 signed-not-started) hold only with terminated signings kept in the denominator.
  store.setSettings(
    meta(admin, 'change-setting', targetDay),
    { startRateExcludesTerminated: false },
    '开工率剔除终止 否',
  );

  // ── the hero list ──────────────────────────────────────────────────────
  const heroDay = `${Y}-01-20`;
  for (const unit of ['工业园区管委会', '驻粤港澳大湾区招商组', '正阳街道']) {
    store.honour(meta(admin, 'honour', heroDay), {
      year: Y - 1,
      kind: 'unit',
      name: unit,
      reason: '引进重大产业项目，超额完成年度目标',
    });
  }
  for (const name of MEMBER_NAMES.slice(1, 7)) {
    store.honour(meta(admin, 'honour', heroDay), {
      year: Y - 1,
      kind: 'person',
      name,
      reason: '促成项目签约落地',
    });
  }
  const challenges = [
    '引进一个年产10万吨以上再生铝项目',
    '引进一家预制菜龙头企业',
    '引进一个生物医药临床研究转化项目',
  ].map((title) => store.postChallenge(meta(admin, 'post-challenge', `${Y}-02-01`), title));
  DEMO_UNITS.slice(7, 17).forEach(([unit], i) => {
    const c = challenges[i % challenges.length] as (typeof challenges)[number];
    store.claimChallenge(
      meta(memberOf.get(unit)?.account ?? admin, 'claim-challenge', `${Y}-02-15`),
      c.number,
      {
        name: unit,
        unitId: unitIds.get(unit) as string,
      },
    );
  });
  MEMBER_NAMES.slice(7, 19).forEach((name, i) => {
    const c = challenges[i % challenges.length] as (typeof challenges)[number];
    store.claimChallenge(meta(admin, 'claim-challenge', `${Y}-02-16`), c.number, { name, unitId: null });
  });

  return {
    year: Y,
    leaderAccount: LEADER_ACCOUNTS[0] as string,
    adminAccount: admin,
    projects: store.projects().length,
  };
}
