import { Random } from '../src/demo/random.ts';
import { addDays } from '../src/time/clock.ts';
import type { Project, StoreDocument, Target, Trip, Unit } from '../storage/schema.ts';
import { emptyDocument } from '../storage/schema.ts';

export interface Size {
  projects: number;
  units: number;
  notes: number;
  instalments: number;
  /** Reporting members beside 李四 and 张三: accounts `m001`…, spread over the units in turn. */
  members?: number;
}

const STAMP = '2026-01-01T09:00:00.000+08:00';

/**
 * A large district written straight into a document (the verbs are timed separately): projects
 * spread over three years and every stage, with notes, instalments, trips and unit targets.
 */
export function syntheticDistrict(size: Size, today: string): StoreDocument {
  const rnd = new Random(42);
  const doc = emptyDocument();
  const units: Unit[] = Array.from({ length: size.units }, (_, i) => ({
    id: `U${String(i + 1).padStart(3, '0')}`,
    name: `单位${i + 1}`,
    type: '部门',
    createdAt: STAMP,
  }));
  for (const u of units) doc.units[u.id] = u;
  const chains = [
    '铝产业',
    '食品加工',
    '生物医药',
    '新能源',
    '新材料',
    '文化旅游',
    '现代物流',
    '电子信息',
    '纺织服装',
    '特色农业',
    '大健康',
    '数字经济',
  ];
  const year = Number(today.slice(0, 4));
  const notesPer = Math.floor(size.notes / size.projects);
  const fundsPer = Math.floor(size.instalments / size.projects);
  for (let i = 0; i < size.projects; i++) {
    const signed = addDays(`${year - 2}-01-01`, rnd.int(0, 900));
    const date = signed > today ? today : signed;
    const formal = rnd.next() < 0.8;
    const started = rnd.next() < 0.5;
    const terminated = !started && rnd.next() < 0.15;
    const id = `P${date.slice(0, 4)}-${String(i + 1).padStart(5, '0')}`;
    const startDate = started ? (addDays(date, 30) > today ? today : addDays(date, 30)) : null;
    const p: Project = {
      id,
      name: `项目${i + 1}`,
      investor: null,
      chain: rnd.pick(chains),
      unitId: (units[i % units.length] as Unit).id,
      leaderName: null,
      ownerName: null,
      investmentWan: rnd.int(10, 500) * 100,
      major: false,
      stage: terminated ? '终止' : started ? '开工' : '签约',
      stageHistory: [{ stage: '签约', date }],
      negotiationSince: null,
      signing: {
        type: formal ? '正式合同' : '框架协议',
        date,
        amountWan: rnd.int(10, 500) * 100,
        startDeadline: `${Number(date.slice(0, 4)) + 1}-03-31`,
      },
      start: startDate ? { type: '建安类', date: startDate } : null,
      termination: terminated ? { date: today, reason: '企业战略调整', fromStage: '签约' } : null,
      instalments: Array.from({ length: fundsPer }, (_, k) => ({
        id: `${id}-F${k + 1}`,
        at: STAMP,
        date: date,
        amountWan: rnd.int(1, 100) * 10,
        evidence: '银行回单',
        by: 'bench',
      })),
      notes: Array.from({ length: notesPer }, (_, k) => ({
        at: STAMP,
        date: addDays(date, k) > today ? today : addDays(date, k),
        text: `第${k + 1}次进展：正在推进要素保障和手续办理`,
        by: 'bench',
      })),
      problems: [],
      createdAt: STAMP,
      createdBy: 'bench',
      updatedAt: STAMP,
    };
    doc.projects[id] = p;
  }
  for (const u of units) {
    for (const indicator of ['contractCount', 'contractAmount', 'startedCount', 'fundsInPlace'] as const) {
      const t: Target = {
        id: `单位:${u.id}|${year}|市级目标|${indicator}`,
        scope: { kind: 'unit', unitId: u.id },
        year,
        tier: '市级目标',
        indicator,
        value: indicator === 'contractCount' || indicator === 'startedCount' ? 30 : 300_000,
        by: 'bench',
        at: STAMP,
      };
      doc.targets[t.id] = t;
    }
  }
  for (let i = 0; i < 500; i++) {
    const trip: Trip = {
      id: `T${i}`,
      destination: '深圳',
      leaderName: '张三',
      ledByDistrictLeader: true,
      enterprises: [`企业${i % 300}`],
      date: addDays(`${year}-01-01`, i % 180),
      unitId: (units[i % units.length] as Unit).id,
      by: 'bench',
      at: STAMP,
    };
    doc.trips[trip.id] = trip;
  }
  doc.members.M0001 = {
    id: 'M0001',
    name: '李四',
    account: 'lisi',
    unitId: 'U001',
    role: 'member',
    createdAt: STAMP,
  };
  doc.members.M0002 = {
    id: 'M0002',
    name: '张三',
    account: 'zhangsan',
    unitId: null,
    role: 'leader',
    createdAt: STAMP,
  };
  for (let i = 1; i <= (size.members ?? 0); i++) {
    const id = `M${String(i + 2).padStart(4, '0')}`;
    doc.members[id] = {
      id,
      name: `成员${i}`,
      account: reporterAccount(i),
      unitId: (units[(i - 1) % units.length] as Unit).id,
      role: 'member',
      createdAt: STAMP,
    };
  }
  return doc;
}

/** The account of the i-th (from 1) extra member `syntheticDistrict` adds. */
export function reporterAccount(i: number): string {
  return `m${String(i).padStart(3, '0')}`;
}
