import { UserError } from '../src/core/errors.ts';
import { roundWan, type Wan } from '../src/domain/money.ts';
import { zh } from '../src/text/zh.ts';
import type { LocalDate } from '../src/time/clock.ts';
import { stamp } from './aggregate.ts';
import type { ChangeMeta, Tx } from './ledger.ts';
import { PROJECT_ID } from './project-match.ts';
import type { ContractType, Project } from './schema.ts';

export interface NewProjectFields {
  name: string;
  unitId: string;
  investor?: string | null;
  chain?: string | null;
  investmentWan?: Wan | null;
  leaderName?: string | null;
  ownerName?: string | null;
  major?: boolean;
}

export interface SigningInput {
  type: ContractType;
  date: LocalDate;
  amountWan: Wan;
  startDeadline?: LocalDate | null;
  /** Kept as a progress note in the same change (the amount as written: 约5亿). */
  note?: string | null;
}

export type ProjectPatch = Partial<{
  name: string;
  investor: string;
  chain: string;
  unitId: string;
  leaderName: string;
  ownerName: string;
  investmentWan: Wan;
  major: boolean;
  contractAmountWan: Wan;
  contractType: ContractType;
  signingDate: LocalDate;
  startDeadline: LocalDate;
}>;

/** The default agreed start deadline: "新签项目务必在次年一季度前开工" — 31 March of the next year. */
export function defaultStartDeadline(signingDate: LocalDate): LocalDate {
  return `${Number(signingDate.slice(0, 4)) + 1}-03-31`;
}

/**
 * One change to an existing project: `fn` checks and changes it and says what it did (the change's
 * summary); the project is then stamped as updated and written back.
 */
export function amendProject(
  tx: Tx,
  meta: ChangeMeta,
  projectId: string,
  fn: (project: Project) => string,
): Project {
  const project = mustGet(tx, projectId);
  const summary = fn(project);
  touch(project, meta);
  tx.put('projects', project);
  tx.summary = summary;
  return project;
}

export function touch(project: Project, meta: ChangeMeta): void {
  project.updatedAt = stamp(meta);
}

export function mustGet(tx: Tx, projectId: string): Project {
  const project = tx.get('projects', projectId);
  if (!project) throw new UserError(zh.projectUnknown(projectId));
  return project;
}

export function assertNotTerminated(project: Project): void {
  if (project.stage === '终止') throw new UserError(zh.projectTerminated(project.name));
}

/**
 * A name is unique within its unit only: a district-wide check would tell a member that another
 * unit has a project of that name.
 */
export function assertNewName(tx: Tx, name: string, unitId: string, except?: string): void {
  // a 编号 always means the project that carries it, for whoever may see it
  if (PROJECT_ID.test(name.trim())) throw new UserError(zh.projectNameLikeId(name));
  const clash = tx
    .find<'projects'>('projectsByName', name)
    .find((p) => p.unitId === unitId && p.id !== except);
  if (clash) throw new UserError(zh.projectNameTaken(name, clash.id));
}

export function applyFields(project: Project, f: Partial<NewProjectFields>): void {
  if (f.name !== undefined) project.name = f.name;
  if (f.unitId !== undefined) project.unitId = f.unitId;
  if (f.investor !== undefined) project.investor = f.investor;
  if (f.chain !== undefined) project.chain = f.chain;
  if (f.investmentWan !== undefined)
    project.investmentWan = f.investmentWan === null ? null : roundWan(f.investmentWan);
  if (f.leaderName !== undefined) project.leaderName = f.leaderName;
  if (f.ownerName !== undefined) project.ownerName = f.ownerName;
  if (f.major !== undefined) project.major = f.major;
}

export function newProject(tx: Tx, meta: ChangeMeta, f: NewProjectFields, eventDate: LocalDate): Project {
  if (!tx.get('units', f.unitId)) throw new UserError(zh.unitUnknown(f.unitId));
  const year = eventDate.slice(0, 4);
  const id = `P${year}-${String(tx.next(`project:${year}`)).padStart(3, '0')}`;
  const project = blankProject(id, f.name, f.unitId, meta);
  applyFields(project, f);
  return project;
}

/** A project with only its 编号, name and unit, at 线索: what every new project starts from. */
export function blankProject(id: string, name: string, unitId: string, meta: ChangeMeta): Project {
  return {
    id,
    name,
    investor: null,
    chain: null,
    unitId,
    leaderName: null,
    ownerName: null,
    investmentWan: null,
    major: false,
    stage: '线索',
    stageHistory: [],
    negotiationSince: null,
    signing: null,
    start: null,
    termination: null,
    instalments: [],
    notes: [],
    problems: [],
    createdAt: stamp(meta),
    createdBy: meta.actor,
    updatedAt: stamp(meta),
  };
}
