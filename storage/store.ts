import { UserError } from '../src/core/errors.ts';
import { roundWan, type Wan } from '../src/domain/money.ts';
import { zh } from '../src/text/zh.ts';
import { isoShanghai, type LocalDate, localDate } from '../src/time/clock.ts';
import { type ChangeMeta, Ledger, type Tx } from './ledger.ts';
import type { Persistence } from './persistence.ts';
import { sameRecord } from './same-record.ts';
import type {
  Binding,
  Chain,
  Challenge,
  ContractType,
  HandledMessage,
  Honour,
  Indicator,
  Member,
  MemberStatus,
  OutboxItem,
  Problem,
  ProblemCategory,
  Project,
  PushRun,
  Put,
  ReplyRoute,
  Role,
  Scope,
  StartType,
  Target,
  Trip,
  Unit,
  UnitType,
} from './schema.ts';
import { scopeKey } from './scope.ts';
import { bigramsOf, similarity } from './similarity.ts';

export type { ChangeMeta } from './ledger.ts';

/** What a project reference (编号, name, part of a name) resolved to. */
export type ProjectMatch =
  | { kind: 'one'; project: Project }
  | { kind: 'many'; projects: Project[] }
  | { kind: 'none'; closest: Project[] };

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

const PROJECT_ID = /^P(\d{4})-(\d{3,})$/i;

/** The default agreed start deadline: "新签项目务必在次年一季度前开工" — 31 March of the next year. */
export function defaultStartDeadline(signingDate: LocalDate): LocalDate {
  return `${Number(signingDate.slice(0, 4)) + 1}-03-31`;
}

/**
 * The store's port: what the bureau does, as verbs. Every write is one synchronous, validated,
 * journalled change; every read hands out copies.
 */
export class Store {
  private constructor(private readonly ledger: Ledger) {}

  static async open(persistence: Persistence): Promise<Store> {
    return new Store(await Ledger.open(persistence));
  }

  get seq(): number {
    return this.ledger.seq;
  }

  describe(): string {
    return this.ledger.describe();
  }

  close(): Promise<void> {
    return this.ledger.close();
  }

  handled(messageKey: string): HandledMessage | null {
    return this.ledger.handled(messageKey);
  }

  // ── reads ────────────────────────────────────────────────────────────────

  private copy<T>(fn: (doc: Parameters<Parameters<Ledger['read']>[0]>[0]) => T): T {
    return structuredClone(this.ledger.read(fn));
  }

  memberByAccount(account: string): Member | null {
    return this.copy((d) => Object.values(d.members).find((m) => m.account === account) ?? null);
  }

  /** The member on the roster with this name (a removed member's name no longer names anyone). */
  memberByName(name: string): Member | null {
    return this.copy(
      (d) => Object.values(d.members).find((m) => m.name === name && m.status !== 'removed') ?? null,
    );
  }

  /** A member by account, else by name on the roster, else by the name of a removed member. */
  findMember(ref: string): Member | null {
    return this.copy((d) => {
      const all = Object.values(d.members);
      return (
        all.find((m) => m.account === ref) ??
        all.find((m) => m.name === ref && m.status !== 'removed') ??
        all
          .filter((m) => m.name === ref)
          .sort((a, b) => (b.statusAt ?? '').localeCompare(a.statusAt ?? ''))[0] ??
        null
      );
    });
  }

  /** Names of removed members that no member on the roster carries: projects they own need a new owner. */
  removedMemberNames(): Set<string> {
    return this.ledger.read((d) => {
      const all = Object.values(d.members);
      const onRoster = new Set(all.filter((m) => m.status !== 'removed').map((m) => m.name));
      return new Set(all.filter((m) => m.status === 'removed' && !onRoster.has(m.name)).map((m) => m.name));
    });
  }

  members(): Member[] {
    return this.copy((d) => Object.values(d.members));
  }

  unit(id: string): Unit | null {
    return this.copy((d) => d.units[id] ?? null);
  }

  unitByName(name: string): Unit | null {
    return this.copy((d) => findUnit(Object.values(d.units), name));
  }

  units(): Unit[] {
    return this.copy((d) => Object.values(d.units));
  }

  project(id: string): Project | null {
    return this.copy((d) => d.projects[id.toUpperCase()] ?? null);
  }

  /** Projects matching a filter; the filter sees live records and must not keep them. */
  projects(filter: (p: Readonly<Project>) => boolean = () => true): Project[] {
    return this.copy((d) => Object.values(d.projects).filter(filter));
  }

  /** Read-only pass over every project without copying, for indicators over large districts. */
  scanProjects<T>(fn: (projects: ReadonlyArray<Readonly<Project>>) => T): T {
    return this.ledger.read((d) => fn(Object.values(d.projects)));
  }

  /**
   * `suggest: false` skips looking for close names when nothing matches (a new project needs none).
   * `within` limits the search to the projects the asker may see: the others do not exist for it,
   * not even as a suggestion.
   */
  resolveProject(
    ref: string,
    options: { suggest?: boolean; within?: (p: Readonly<Project>) => boolean } = {},
  ): ProjectMatch {
    const within = options.within ?? (() => true);
    return this.copy((d) => {
      const byId = PROJECT_ID.test(ref.trim()) ? d.projects[ref.trim().toUpperCase()] : undefined;
      if (byId && within(byId)) return { kind: 'one', project: byId };
      const all = options.within ? Object.values(d.projects).filter(within) : Object.values(d.projects);
      return matchProject(all, ref, options.suggest ?? true);
    });
  }

  trip(id: string): Trip | null {
    return this.copy((d) => d.trips[id.trim().toUpperCase()] ?? null);
  }

  trips(filter: (t: Readonly<Trip>) => boolean = () => true): Trip[] {
    return this.copy((d) => Object.values(d.trips).filter(filter));
  }

  targets(filter: (t: Readonly<Target>) => boolean = () => true): Target[] {
    return this.copy((d) => Object.values(d.targets).filter(filter));
  }

  challenges(): Challenge[] {
    return this.copy((d) => Object.values(d.challenges).sort((a, b) => a.number - b.number));
  }

  honours(): Honour[] {
    return this.copy((d) => Object.values(d.honours));
  }

  /** Stored setting values by key; defaults live with the code that reads them. */
  settingValues(): Record<string, unknown> {
    return this.copy((d) => Object.fromEntries(Object.values(d.settings).map((x) => [x.id, x.value])));
  }

  chains(): Chain[] {
    return this.copy((d) => Object.values(d.chains).sort((a, b) => a.name.localeCompare(b.name, 'zh')));
  }

  chain(name: string): Chain | null {
    return this.copy((d) => d.chains[name] ?? null);
  }

  binding(platform: string, chatId: string): Binding | null {
    return this.copy((d) => d.bindings[bindingId(platform, chatId)] ?? null);
  }

  bindings(): Binding[] {
    return this.copy((d) => Object.values(d.bindings));
  }

  // ── writes ───────────────────────────────────────────────────────────────

  addUnit(meta: ChangeMeta, input: { name: string; type: UnitType }): Unit {
    return this.ledger.commit(meta, (tx) => {
      if (findUnit(tx.list('units'), input.name)) throw new UserError(zh.unitExists(input.name));
      const unit: Unit = {
        id: `U${String(tx.next('unit')).padStart(3, '0')}`,
        name: input.name,
        type: input.type,
        createdAt: stamp(meta),
      };
      tx.put('units', unit);
      tx.summary = `添加单位 ${unit.name}（${unit.type}）`;
      return unit;
    });
  }

  /** Adds a member, or updates the one with the same account (name, unit, role). */
  upsertMember(
    meta: ChangeMeta,
    input: { name: string; account: string; unitId: string | null; role: Role },
  ): { member: Member; created: boolean } {
    return this.ledger.commit(meta, (tx) => {
      const existing = tx.list('members').find((m) => m.account === input.account);
      const sameName = tx
        .list('members')
        .find((m) => m.name === input.name && m.account !== input.account && m.status !== 'removed');
      if (sameName) throw new UserError(zh.memberNameTaken(input.name, sameName.account));
      const member: Member = existing
        ? withStatus(
            { ...structuredClone(existing), name: input.name, unitId: input.unitId, role: input.role },
            existing.status === 'removed' ? null : (existing.status ?? null),
            meta,
          )
        : {
            id: `M${String(tx.next('member')).padStart(4, '0')}`,
            ...input,
            createdAt: stamp(meta),
          };
      tx.put('members', member);
      tx.summary = `${existing ? '更新' : '添加'}成员 ${member.name}（${member.account}）`;
      return { member, created: !existing };
    });
  }

  /** 停用成员: the bot treats them as unknown from now on; their records keep their account and name. */
  deactivateMember(meta: ChangeMeta, memberId: string): Member {
    return this.changeMemberStatus(meta, memberId, 'inactive');
  }

  /** 启用成员: back to active, from 停用 or 删除. */
  activateMember(meta: ChangeMeta, memberId: string): Member {
    return this.changeMemberStatus(meta, memberId, null);
  }

  /** 删除成员: off the roster; the record stays so history still shows their name. */
  removeMember(meta: ChangeMeta, memberId: string): Member {
    return this.changeMemberStatus(meta, memberId, 'removed');
  }

  /**
   * 本期无进展: the member counts as reported from this day (src/push/report-period.ts); saying it again
   * in the same period writes nothing and answers `already`.
   */
  declareNoProgress(
    meta: ChangeMeta,
    memberId: string,
    periodStart: LocalDate,
  ): { member: Member; already: boolean } {
    const existing = this.copy((d) => d.members[memberId] ?? null);
    if (!existing) throw new UserError(zh.noProgressNotMember);
    if (existing.noProgressOn && existing.noProgressOn >= periodStart)
      return { member: existing, already: true };
    const member = this.ledger.commit(meta, (tx) => {
      const current = tx.get('members', memberId);
      if (!current) throw new UserError(zh.noProgressNotMember);
      const next: Member = { ...current, noProgressOn: localDate(meta.at) };
      tx.put('members', next);
      tx.summary = `本期无进展 ${next.name}`;
      return next;
    });
    return { member, already: false };
  }

  private changeMemberStatus(meta: ChangeMeta, memberId: string, status: MemberStatus | null): Member {
    return this.ledger.commit(meta, (tx) => {
      const current = tx.get('members', memberId);
      if (!current) throw new UserError(zh.memberUnknown(memberId));
      if ((current.status ?? null) === status) throw new UserError(zh.memberAlready(current.name, status));
      if (status === null) {
        const clash = tx
          .list('members')
          .find((m) => m.name === current.name && m.id !== current.id && m.status !== 'removed');
        if (clash) throw new UserError(zh.memberNameTaken(current.name, clash.account));
      }
      const member = withStatus(current, status, meta);
      tx.put('members', member);
      tx.summary = `${status === null ? '启用' : status === 'inactive' ? '停用' : '删除'}成员 ${member.name}（${member.account}）`;
      return member;
    });
  }

  /** 修改单位: a new name (unique) or type; everything links to the unit by id, so nothing else changes. */
  updateUnit(
    meta: ChangeMeta,
    unitId: string,
    patch: { name?: string; type?: UnitType },
  ): { before: Unit; after: Unit } {
    return this.ledger.commit(meta, (tx) => {
      const unit = tx.get('units', unitId);
      if (!unit) throw new UserError(zh.unitUnknown(unitId));
      const before = structuredClone(unit);
      if (patch.name !== undefined && patch.name !== unit.name) {
        const clash = findUnit(
          tx.list('units').filter((u) => u.id !== unit.id),
          patch.name,
        );
        if (clash) throw new UserError(zh.unitExists(patch.name));
        unit.name = patch.name;
      }
      if (patch.type !== undefined) unit.type = patch.type;
      if (unit.name === before.name && unit.type === before.type)
        throw new UserError(zh.unitUnchanged(unit.name));
      tx.put('units', unit);
      tx.summary = `修改单位 ${before.name}${unit.name !== before.name ? ` → ${unit.name}` : ''}（${unit.type}）`;
      return { before, after: unit };
    });
  }

  /**
   * 问题已解决: marks the project's open problems (of one category, when given) solved, with the date
   * and who; refuses when there is none.
   */
  solveProblems(
    meta: ChangeMeta,
    projectId: string,
    input: { category: ProblemCategory | null; note: string | null; date: LocalDate },
  ): { project: Project; solved: Problem[] } {
    return this.ledger.commit(meta, (tx) => {
      const project = mustGet(tx, projectId);
      const open = project.problems.filter(
        (q) => !q.solved && (input.category === null || q.category === input.category),
      );
      if (open.length === 0) throw new UserError(zh.noOpenProblem(project.name, input.category));
      for (const q of open)
        q.solved = { at: stamp(meta), date: input.date, by: meta.actor, note: input.note };
      touch(project, meta);
      tx.put('projects', project);
      tx.summary = `问题已解决 ${project.id} ${project.name}（${open.length} 个）`;
      return { project, solved: open };
    });
  }

  /** Corrects a 外出招商 record; its id stays, whatever the new date. */
  updateTrip(
    meta: ChangeMeta,
    tripId: string,
    patch: Partial<Pick<Trip, 'destination' | 'leaderName' | 'ledByDistrictLeader' | 'enterprises' | 'date'>>,
  ): { before: Trip; after: Trip } {
    return this.ledger.commit(meta, (tx) => {
      const trip = tx.get('trips', tripId);
      if (!trip) throw new UserError(zh.tripUnknown(tripId));
      const before = structuredClone(trip);
      const enterprises = patch.enterprises && [
        ...new Set(patch.enterprises.map((e) => e.trim()).filter(Boolean)),
      ];
      const after: Trip = { ...trip, ...patch, ...(enterprises ? { enterprises } : {}) };
      if (JSON.stringify(after) === JSON.stringify(before)) throw new UserError(zh.tripUnchanged(after.id));
      tx.put('trips', after);
      tx.summary = `修改外出招商 ${after.id} ${after.destination}（${after.date}）`;
      return { before, after };
    });
  }

  registerNegotiation(meta: ChangeMeta, fields: NewProjectFields & { date: LocalDate }): Project {
    return this.ledger.commit(meta, (tx) => {
      assertNewName(tx, fields.name, fields.unitId);
      const project = newProject(tx, meta, fields, fields.date);
      project.stage = '在谈';
      project.negotiationSince = fields.date;
      project.stageHistory.push({ stage: '在谈', date: fields.date });
      tx.put('projects', project);
      tx.summary = `登记在谈 ${project.id} ${project.name}`;
      return project;
    });
  }

  /**
   * Records a signing: moves an existing project (线索/在谈) to 签约, or creates it. A 补充协议 is
   * not a signing; it is a `updateProject` of the contract amount.
   */
  registerSigning(
    meta: ChangeMeta,
    target: { projectId: string } | { create: NewProjectFields },
    signing: SigningInput,
    extra: Partial<NewProjectFields> = {},
  ): { project: Project; created: boolean } {
    return this.ledger.commit(meta, (tx) => {
      let project: Project;
      let created = false;
      if ('projectId' in target) {
        project = mustGet(tx, target.projectId);
        if (project.stage === '终止') throw new UserError(zh.projectTerminated(project.name));
        if (project.signing) throw new UserError(zh.alreadySigned(project.name, project.signing.date));
        if (project.negotiationSince && signing.date < project.negotiationSince) {
          throw new UserError(zh.signingBeforeNegotiation(project.negotiationSince));
        }
        if (extra.unitId !== undefined && extra.unitId !== project.unitId)
          assertNewName(tx, project.name, extra.unitId, project.id);
        applyFields(project, extra);
      } else {
        assertNewName(tx, target.create.name, target.create.unitId);
        project = newProject(tx, meta, target.create, signing.date);
        created = true;
      }
      project.signing = {
        type: signing.type,
        date: signing.date,
        amountWan: roundWan(signing.amountWan),
        startDeadline: signing.startDeadline ?? defaultStartDeadline(signing.date),
      };
      project.stage = '签约';
      project.stageHistory.push({ stage: '签约', date: signing.date });
      touch(project, meta);
      tx.put('projects', project);
      tx.summary = `登记签约 ${project.id} ${project.name}（${signing.type}）`;
      return { project, created };
    });
  }

  certifyStart(meta: ChangeMeta, projectId: string, start: { type: StartType; date: LocalDate }): Project {
    return this.ledger.commit(meta, (tx) => {
      const project = mustGet(tx, projectId);
      if (project.stage === '终止') throw new UserError(zh.projectTerminated(project.name));
      if (project.start) throw new UserError(zh.alreadyStarted(project.name, project.start.date));
      if (!project.signing) throw new UserError(zh.startBeforeSigning(project.name));
      if (start.date < project.signing.date)
        throw new UserError(zh.startBeforeSigningDate(project.signing.date));
      project.start = { ...start };
      project.stage = '开工';
      project.stageHistory.push({ stage: '开工', date: start.date });
      touch(project, meta);
      tx.put('projects', project);
      tx.summary = `登记开工 ${project.id} ${project.name}（${start.type}）`;
      return project;
    });
  }

  addInstalment(
    meta: ChangeMeta,
    projectId: string,
    input: { date: LocalDate; amountWan: Wan; evidence: string | null },
  ): Project {
    return this.ledger.commit(meta, (tx) => {
      const project = mustGet(tx, projectId);
      if (project.stage === '终止') throw new UserError(zh.projectTerminated(project.name));
      if (!project.signing) throw new UserError(zh.fundsBeforeSigning(project.name));
      if (input.date < project.signing.date)
        throw new UserError(zh.fundsBeforeSigningDate(project.signing.date));
      project.instalments.push({
        id: `${project.id}-F${project.instalments.length + 1}`,
        at: stamp(meta),
        date: input.date,
        amountWan: roundWan(input.amountWan),
        evidence: input.evidence,
        by: meta.actor,
      });
      touch(project, meta);
      tx.put('projects', project);
      tx.summary = `到位资金 ${project.id} ${project.name}`;
      return project;
    });
  }

  addProgressNote(meta: ChangeMeta, projectId: string, text: string): Project {
    return this.ledger.commit(meta, (tx) => {
      const project = mustGet(tx, projectId);
      project.notes.push({ at: stamp(meta), date: localDate(meta.at), text, by: meta.actor });
      touch(project, meta);
      tx.put('projects', project);
      tx.summary = `进度 ${project.id} ${project.name}`;
      return project;
    });
  }

  recordProblem(
    meta: ChangeMeta,
    projectId: string,
    input: { category: ProblemCategory; text: string },
  ): Project {
    return this.ledger.commit(meta, (tx) => {
      const project = mustGet(tx, projectId);
      project.problems.push({ at: stamp(meta), category: input.category, text: input.text, by: meta.actor });
      touch(project, meta);
      tx.put('projects', project);
      tx.summary = `问题 ${project.id} ${project.name}（${input.category}）`;
      return project;
    });
  }

  terminateProject(meta: ChangeMeta, projectId: string, input: { reason: string; date: LocalDate }): Project {
    return this.ledger.commit(meta, (tx) => {
      const project = mustGet(tx, projectId);
      if (project.stage === '终止') throw new UserError(zh.projectTerminated(project.name));
      project.termination = { date: input.date, reason: input.reason, fromStage: project.stage };
      project.stage = '终止';
      project.stageHistory.push({ stage: '终止', date: input.date });
      touch(project, meta);
      tx.put('projects', project);
      tx.summary = `终止项目 ${project.id} ${project.name}`;
      return project;
    });
  }

  updateProject(
    meta: ChangeMeta,
    projectId: string,
    patch: ProjectPatch,
  ): { before: Project; after: Project } {
    return this.ledger.commit(meta, (tx) => {
      const project = mustGet(tx, projectId);
      const before = structuredClone(project);
      if (patch.unitId && !tx.get('units', patch.unitId)) throw new UserError(zh.unitUnknown(patch.unitId));
      if (
        (patch.name ?? project.name) !== project.name ||
        (patch.unitId ?? project.unitId) !== project.unitId
      )
        assertNewName(tx, patch.name ?? project.name, patch.unitId ?? project.unitId, project.id);
      applyFields(project, patch);
      const touchesSigning =
        patch.contractAmountWan !== undefined ||
        patch.contractType !== undefined ||
        patch.signingDate !== undefined ||
        patch.startDeadline !== undefined;
      if (touchesSigning) {
        if (!project.signing) throw new UserError(zh.patchNeedsSigning(project.name));
        if (patch.contractAmountWan !== undefined)
          project.signing.amountWan = roundWan(patch.contractAmountWan);
        if (patch.contractType) project.signing.type = patch.contractType;
        if (patch.signingDate) {
          project.signing.date = patch.signingDate;
          const h = project.stageHistory.find((s) => s.stage === '签约');
          if (h) h.date = patch.signingDate;
        }
        if (patch.startDeadline) project.signing.startDeadline = patch.startDeadline;
      }
      touch(project, meta);
      tx.put('projects', project);
      tx.summary = `修改 ${project.id} ${project.name}`;
      return { before, after: project };
    });
  }

  recordTrip(
    meta: ChangeMeta,
    input: Omit<Trip, 'id' | 'by' | 'at' | 'enterprises'> & { enterprises: string[] },
  ): Trip {
    return this.ledger.commit(meta, (tx) => {
      const year = input.date.slice(0, 4);
      const trip: Trip = {
        ...input,
        enterprises: [...new Set(input.enterprises.map((e) => e.trim()).filter(Boolean))],
        id: `T${year}-${String(tx.next(`trip:${year}`)).padStart(3, '0')}`,
        by: meta.actor,
        at: stamp(meta),
      };
      tx.put('trips', trip);
      tx.summary = `外出招商 ${trip.destination}（${trip.date}）`;
      return trip;
    });
  }

  setTargets(
    meta: ChangeMeta,
    input: {
      scope: Scope;
      year: number;
      tier: string;
      values: Array<{ indicator: Indicator; value: number }>;
    },
  ): Target[] {
    return this.ledger.commit(meta, (tx) => {
      const out = input.values.map(({ indicator, value }) => {
        const target: Target = {
          id: [scopeKey(input.scope), input.year, input.tier, indicator].join('|'),
          scope: input.scope,
          year: input.year,
          tier: input.tier,
          indicator,
          value,
          by: meta.actor,
          at: stamp(meta),
        };
        tx.put('targets', target);
        return target;
      });
      tx.summary = `设置目标 ${scopeKey(input.scope)} ${input.year}年 ${input.tier}`;
      return out;
    });
  }

  bindChat(meta: ChangeMeta, input: { platform: string; chatId: string; scope: Scope }): Binding {
    return this.ledger.commit(meta, (tx) => {
      const binding: Binding = {
        id: bindingId(input.platform, input.chatId),
        ...input,
        by: meta.actor,
        at: stamp(meta),
      };
      tx.put('bindings', binding);
      tx.summary = `绑定本群 ${scopeKey(input.scope)}`;
      return binding;
    });
  }

  setSettings(meta: ChangeMeta, values: Record<string, unknown>, summary: string): void {
    this.ledger.commit(meta, (tx) => {
      for (const [id, value] of Object.entries(values))
        tx.put('settings', { id, value, by: meta.actor, at: stamp(meta) });
      tx.summary = `设置 ${summary}`;
    });
  }

  /** Creates or replaces a task force; the chain name is its id. */
  setChain(meta: ChangeMeta, input: Omit<Chain, 'id' | 'by' | 'at'>): Chain {
    return this.ledger.commit(meta, (tx) => {
      for (const unitId of [input.leadUnitId, ...input.memberUnitIds]) {
        if (unitId && !tx.get('units', unitId)) throw new UserError(zh.unitUnknown(unitId));
      }
      const chain: Chain = { ...input, id: input.name, by: meta.actor, at: stamp(meta) };
      tx.put('chains', chain);
      tx.summary = `设置专班 ${chain.name}`;
      return chain;
    });
  }

  pushRun(id: string): PushRun | null {
    return this.copy((d) => d.pushRuns[id] ?? null);
  }

  pushRuns(): PushRun[] {
    return this.copy((d) => Object.values(d.pushRuns).sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  }

  outbox(filter: (item: Readonly<OutboxItem>) => boolean = () => true): OutboxItem[] {
    return this.copy((d) => Object.values(d.outbox).filter(filter));
  }

  /**
   * Records a run and every message it will send, in one change: after this, a crash cannot lose the
   * push nor start it twice (the run id is the slot).
   */
  startPushRun(
    meta: ChangeMeta,
    run: Omit<PushRun, 'createdAt' | 'deliveries'>,
    items: Array<
      Omit<
        OutboxItem,
        'id' | 'runId' | 'status' | 'attempts' | 'lastError' | 'createdAt' | 'sentAt' | 'reply'
      >
    >,
  ): PushRun | null {
    return this.ledger.commit({ ...meta, undoable: false }, (tx) => {
      if (tx.get('pushRuns', run.id)) return null;
      // the document stays small: settled messages go after 30 days, run records after 400
      const now = meta.at.getTime();
      for (const old of tx.list('outbox')) {
        if (
          old.status !== 'pending' &&
          old.status !== 'sending' &&
          now - Date.parse(old.createdAt) > 30 * 86_400_000
        ) {
          tx.delete('outbox', old.id);
        }
      }
      for (const old of tx.list('pushRuns')) {
        if (now - Date.parse(old.createdAt) > 400 * 86_400_000) tx.delete('pushRuns', old.id);
      }
      const created: PushRun = { ...run, createdAt: stamp(meta), deliveries: items.length };
      tx.put('pushRuns', created);
      items.forEach((item, i) => {
        tx.put('outbox', {
          ...item,
          id: `${run.id}#${String(i).padStart(4, '0')}`,
          runId: run.id,
          status: 'pending',
          attempts: 0,
          lastError: null,
          createdAt: stamp(meta),
          sentAt: null,
          reply: null,
        });
      });
      tx.summary = `推送 ${run.id}（${items.length} 条）`;
      return created;
    });
  }

  markOutbox(
    meta: ChangeMeta,
    id: string,
    outcome:
      | { sending: true }
      | { sent: true }
      | { sent: false; error: string; final: boolean; throttled?: boolean },
  ): void {
    this.ledger.commit({ ...meta, undoable: false }, (tx) => {
      const item = tx.get('outbox', id);
      if (!item) return;
      if ('sending' in outcome) {
        item.status = 'sending';
        tx.put('outbox', item);
        tx.summary = `推送 ${id} 发送中`;
        return;
      }
      // a throttled robot is not the item's fault: waiting it out does not count towards giving up
      if (outcome.sent || !outcome.throttled) item.attempts += 1;
      if (item.reply && (outcome.sent || outcome.final)) {
        // a settled reply keeps no answer address: it may be a bearer URL for the conversation
        item.reply.url = null;
        item.reply.urlExpiresAt = null;
      }
      if (outcome.sent && item.reply) {
        // the member has it; the handled-message record already guards against answering twice
        tx.delete('outbox', id);
        tx.summary = `回复 ${id} sent`;
        return;
      }
      if (outcome.sent) {
        item.status = 'sent';
        item.sentAt = stamp(meta);
        item.lastError = null;
        // the group has it: keep the record, not the text, so the document does not grow with every push
        item.body = '';
      } else {
        item.lastError = outcome.error;
        item.status = outcome.final ? 'failed' : 'pending';
      }
      tx.put('outbox', item);
      tx.summary = `推送 ${id} ${item.status}`;
    });
  }

  /**
   * Writes the parts of one reply to the outbox, in one change. Replies are numbered so they keep
   * the order members wrote in; a sent reply is deleted, a failed one goes with the pushes after 30 days.
   */
  enqueueReply(
    meta: ChangeMeta,
    reply: {
      platform: string;
      chatId: string;
      parts: Array<{ title: string; body: string; route: ReplyRoute; atUserIds?: string[]; image?: boolean }>;
    },
  ): OutboxItem[] {
    return this.ledger.commit({ ...meta, undoable: false }, (tx) => {
      const runId = `reply-${String(tx.next('reply')).padStart(9, '0')}`;
      const items = reply.parts.map(
        (part, order): OutboxItem => ({
          id: `${runId}#${String(order).padStart(4, '0')}`,
          runId,
          platform: reply.platform,
          chatId: reply.chatId,
          order,
          title: part.title,
          body: part.body,
          image: part.image ?? false,
          status: 'pending',
          attempts: 0,
          lastError: null,
          createdAt: stamp(meta),
          sentAt: null,
          reply: part.route,
          ...(part.atUserIds?.length ? { atUserIds: part.atUserIds } : {}),
        }),
      );
      for (const item of items) tx.put('outbox', item);
      tx.summary = `回复 ${runId}（${items.length} 条）`;
      return items;
    });
  }

  /**
   * Replaces pending confirmations with merged messages, in one change: each confirmation is then in
   * exactly one message whatever happens next. The merged messages take the oldest one's place.
   */
  mergeReplies(
    meta: ChangeMeta,
    ids: string[],
    merged: Array<{ title: string; body: string; route: ReplyRoute }>,
  ): void {
    this.ledger.commit({ ...meta, undoable: false }, (tx) => {
      const replaced = ids.map((id) => tx.get('outbox', id));
      const first = replaced[0];
      if (!first || replaced.some((i) => i?.status !== 'pending' || !i.reply)) return;
      for (const id of ids) tx.delete('outbox', id);
      const batch = String(tx.next('reply-merge')).padStart(9, '0');
      merged.forEach((part, order) => {
        tx.put('outbox', {
          ...first,
          id: `${first.runId}#m${batch}-${String(order).padStart(4, '0')}`,
          order,
          title: part.title,
          body: part.body,
          attempts: 0,
          lastError: null,
          reply: part.route,
        });
      });
      tx.summary = `合并回复 ${ids.length} 条为 ${merged.length} 条`;
    });
  }

  /**
   * Forgets the answer addresses that expire before `deadline`: those replies go to the group
   * instead, and a single chat's reply that has nowhere left to go fails. Returns the failed ones.
   */
  expireReplyUrls(meta: ChangeMeta, deadline: Date, error: string): OutboxItem[] {
    return this.ledger.commit({ ...meta, undoable: false }, (tx) => {
      const failed: OutboxItem[] = [];
      for (const live of tx.list('outbox')) {
        const route = live.reply;
        if (!route || live.status !== 'pending') continue;
        const expired = route.url !== null && Date.parse(route.urlExpiresAt ?? '') <= deadline.getTime();
        if (!expired && (route.url !== null || route.groupFallback)) continue;
        const item = structuredClone(live);
        item.reply = { ...route, url: null, urlExpiresAt: null };
        if (!route.groupFallback) {
          item.status = 'failed';
          item.lastError = error;
          failed.push(structuredClone(item));
        }
        tx.put('outbox', item);
      }
      tx.summary = `回复地址过期 ${failed.length} 条失败`;
      return failed;
    });
  }

  /** A reply whose own answer address was refused: it goes to the group from now on, or fails. */
  dropReplyUrl(meta: ChangeMeta, id: string, error: string): void {
    this.ledger.commit({ ...meta, undoable: false }, (tx) => {
      const item = tx.get('outbox', id);
      if (!item?.reply) return;
      item.reply = { ...item.reply, url: null, urlExpiresAt: null };
      item.attempts += 1;
      item.lastError = error;
      item.status = item.reply.groupFallback ? 'pending' : 'failed';
      tx.put('outbox', item);
      tx.summary = `回复 ${id} 改发到群`;
    });
  }

  /**
   * Items that were being sent when the process died may or may not have reached the group: they are
   * not sent again (that could be twice) but marked `unknown` for the admins to check.
   */
  markInterrupted(meta: ChangeMeta): OutboxItem[] {
    return this.ledger.commit({ ...meta, undoable: false }, (tx) => {
      const interrupted = tx.list('outbox').filter((i) => i.status === 'sending');
      for (const i of interrupted) {
        tx.put('outbox', {
          ...structuredClone(i),
          status: 'unknown',
          lastError: '发送时进程中断，可能已送达',
        });
      }
      tx.summary = `推送中断 ${interrupted.length} 条`;
      return interrupted.map((i) => structuredClone(i));
    });
  }

  postChallenge(meta: ChangeMeta, title: string): Challenge {
    return this.ledger.commit(meta, (tx) => {
      const number = tx.next('challenge');
      const challenge: Challenge = {
        id: `C${number}`,
        number,
        title,
        postedAt: stamp(meta),
        postedBy: meta.actor,
        claims: [],
      };
      tx.put('challenges', challenge);
      tx.summary = `发榜 ${number}. ${title}`;
      return challenge;
    });
  }

  claimChallenge(
    meta: ChangeMeta,
    number: number,
    claimant: { name: string; unitId: string | null },
  ): Challenge {
    return this.ledger.commit(meta, (tx) => {
      const challenge = tx.get('challenges', `C${number}`);
      if (!challenge) throw new UserError(zh.challengeUnknown(number));
      if (challenge.claims.some((c) => c.claimant === claimant.name)) {
        throw new UserError(zh.challengeAlreadyClaimed(number, claimant.name));
      }
      challenge.claims.push({ claimant: claimant.name, unitId: claimant.unitId, at: stamp(meta) });
      tx.put('challenges', challenge);
      tx.summary = `揭榜 ${number} ${claimant.name}`;
      return challenge;
    });
  }

  honour(meta: ChangeMeta, input: Omit<Honour, 'id' | 'by' | 'at'>): Honour {
    return this.ledger.commit(meta, (tx) => {
      const honour: Honour = {
        ...input,
        id: `H${String(tx.next('honour')).padStart(3, '0')}`,
        by: meta.actor,
        at: stamp(meta),
      };
      tx.put('honours', honour);
      tx.summary = `上榜 ${input.year}年 ${input.name}`;
      return honour;
    });
  }

  /**
   * Undoes the actor's latest change made within `withinMs`, provided nobody changed the same
   * records since (then it refuses rather than overwrite their work).
   */
  undoLast(meta: ChangeMeta, withinMs: number): { summary: string } {
    return this.ledger.commit({ ...meta, undoable: false }, (tx) => {
      const now = meta.at.getTime();
      const mine = tx
        .list('changes')
        .filter((c) => c.actor === meta.actor && c.undoneBy === null && now - Date.parse(c.at) <= withinMs)
        .sort((a, b) => b.seq - a.seq);
      const last = mine[0];
      if (!last) throw new UserError(zh.nothingToUndo);
      for (const after of last.after) {
        const current = tx.get(after.c as 'projects', after.id) ?? null;
        if (!sameRecord(current, after.v ?? null)) throw new UserError(zh.undoConflict(last.summary));
      }
      for (const before of last.before) restore(tx, before);
      tx.put('changes', { ...structuredClone(last), undoneBy: this.ledger.seq + 1 });
      tx.summary = `撤销：${last.summary}`;
      return { summary: last.summary };
    });
  }
}

function restore(tx: Tx, put: Put): void {
  const c = put.c as 'projects';
  if (put.v === null) tx.delete(c, put.id);
  else tx.put(c, put.v as Project);
}

/** Whether the bot still knows this member (neither 停用 nor 删除). */
export function isActiveMember(m: Readonly<Member>): boolean {
  return m.status === undefined;
}

function withStatus(member: Member, status: MemberStatus | null, meta: ChangeMeta): Member {
  const { status: _s, statusAt: _a, statusBy: _b, ...rest } = member;
  if (status === null) return rest;
  if (status === member.status) return member;
  return { ...rest, status, statusAt: stamp(meta), statusBy: meta.actor };
}

function stamp(meta: ChangeMeta): string {
  return isoShanghai(meta.at);
}

function touch(project: Project, meta: ChangeMeta): void {
  project.updatedAt = stamp(meta);
}

function mustGet(tx: Tx, projectId: string): Project {
  const project = tx.get('projects', projectId);
  if (!project) throw new UserError(zh.projectUnknown(projectId));
  return project;
}

/**
 * A name is unique within its unit only: a district-wide check would tell a member that another
 * unit has a project of that name.
 */
function assertNewName(tx: Tx, name: string, unitId: string, except?: string): void {
  // a 编号 always means the project that carries it, for whoever may see it
  if (PROJECT_ID.test(name.trim())) throw new UserError(zh.projectNameLikeId(name));
  const clash = tx.list('projects').find((p) => p.name === name && p.unitId === unitId && p.id !== except);
  if (clash) throw new UserError(zh.projectNameTaken(name, clash.id));
}

function applyFields(project: Project, f: Partial<NewProjectFields>): void {
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

function newProject(tx: Tx, meta: ChangeMeta, f: NewProjectFields, eventDate: LocalDate): Project {
  if (!tx.get('units', f.unitId)) throw new UserError(zh.unitUnknown(f.unitId));
  const year = eventDate.slice(0, 4);
  const id = `P${year}-${String(tx.next(`project:${year}`)).padStart(3, '0')}`;
  const project: Project = {
    id,
    name: f.name,
    investor: null,
    chain: null,
    unitId: f.unitId,
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
  applyFields(project, f);
  return project;
}

function findUnit(units: ReadonlyArray<Unit>, name: string): Unit | null {
  return units.find((u) => u.name === name || u.id === name) ?? null;
}

export function bindingId(platform: string, chatId: string): string {
  return `${platform}:${chatId}`;
}

function matchProject(all: ReadonlyArray<Project>, rawRef: string, suggest: boolean): ProjectMatch {
  const ref = rawRef.trim();
  if (PROJECT_ID.test(ref)) {
    const byId = all.find((p) => p.id === ref.toUpperCase());
    if (byId) return { kind: 'one', project: byId };
  }
  // names are unique within a unit, so two units may each have a project of the same name
  const exact = all.filter((p) => p.name === ref);
  if (exact.length === 1) return { kind: 'one', project: exact[0] as Project };
  if (exact.length > 1)
    return { kind: 'many', projects: [...exact].sort((a, b) => a.id.localeCompare(b.id)) };
  const partial = all.filter((p) => p.name.includes(ref));
  if (partial.length === 1) return { kind: 'one', project: partial[0] as Project };
  if (partial.length > 1) {
    return { kind: 'many', projects: [...partial].sort((a, b) => a.id.localeCompare(b.id)) };
  }
  if (!suggest || PROJECT_ID.test(ref)) return { kind: 'none', closest: [] };
  // shared bigrams are a cheap first cut; the full similarity only ranks the best few dozen
  const grams = [...new Set(bigramsOf(ref.replace(/项目$/, '')))];
  const closest = all
    .map((p) => ({ p, shared: grams.filter((g) => p.name.includes(g)).length }))
    .filter((x) => x.shared > 0)
    .sort((a, b) => b.shared - a.shared)
    .slice(0, 40)
    .map(({ p }) => ({ p, s: similarity(ref, p.name) }))
    .filter((x) => x.s > 0.25)
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map((x) => x.p);
  return { kind: 'none', closest };
}
