import { UserError } from '../src/core/errors.ts';
import { roundWan, type Wan } from '../src/domain/money.ts';
import { zh } from '../src/text/zh.ts';
import { type LocalDate, localDate } from '../src/time/clock.ts';
import { Aggregate, stamp } from './aggregate.ts';
import type { ChangeMeta } from './ledger.ts';
import {
  amendProject,
  applyFields,
  assertNewName,
  assertNotTerminated,
  defaultStartDeadline,
  mustGet,
  type NewProjectFields,
  newProject,
  type ProjectPatch,
  type SigningInput,
  touch,
} from './project-fields.ts';
import type { ProjectMatch } from './project-match.ts';
import { type ProjectFilter, ProjectSearch } from './project-search.ts';
import type { Problem, ProblemCategory, Project, StartType } from './schema.ts';

/**
 * Every project as one array, made once per change, for the standings and lists that go over the
 * whole district; reading and answering one message finds its projects through the indexes instead
 * (storage/project-search.ts), so a write followed by a read does not rebuild it.
 */
const everyProject = new WeakMap<object, { seq: number; list: ReadonlyArray<Readonly<Project>> }>();

function allProjects(
  ledger: { seq: number },
  projects: Record<string, Project>,
): ReadonlyArray<Readonly<Project>> {
  const cached = everyProject.get(ledger);
  if (cached && cached.seq === ledger.seq) return cached.list;
  const list = Object.values(projects);
  everyProject.set(ledger, { seq: ledger.seq, list });
  return list;
}

function noteOf(meta: ChangeMeta, text: string) {
  return { at: stamp(meta), date: localDate(meta.at), text, by: meta.actor };
}

/** Projects and their life: 在谈, 签约, 开工, 到位资金, progress, problems, 终止, corrections. */
export class Projects extends Aggregate {
  project(id: string): Project | null {
    return this.copy((d) => d.projects[id.toUpperCase()] ?? null);
  }

  /** Projects matching a filter; the filter sees live records and must not keep them. */
  projects(filter: (p: Readonly<Project>) => boolean = () => true): Project[] {
    return this.copy((d) => Object.values(d.projects).filter(filter));
  }

  /** Read-only pass over every project without copying, for indicators over large districts. */
  scanProjects<T>(fn: (projects: ReadonlyArray<Readonly<Project>>) => T): T {
    return this.ledger.read((d) => fn(allProjects(this.ledger, d.projects)));
  }

  /**
   * A read-only search of the projects by 编号 and name through the ledger's indexes, limited to
   * what `within` lets through; `fn` sees live records and must not keep or change them.
   */
  searchProjects<T>(within: ProjectFilter | undefined, fn: (search: ProjectSearch) => T): T {
    return fn(new ProjectSearch(this.ledger, within));
  }

  /**
   * `suggest: false` skips looking for close names when nothing matches (a new project needs none).
   * `within` limits the search to the projects the asker may see: the others do not exist for it,
   * not even as a suggestion. The match and its projects are frozen: a project is changed through
   * the verbs below.
   */
  resolveProject(ref: string, options: { suggest?: boolean; within?: ProjectFilter } = {}): ProjectMatch {
    // every 查询 and every write names its project here: the records are handed out frozen, not
    // copied (a copy of a project with its notes was a third of answering a 查询)
    return this.view(() =>
      new ProjectSearch(this.ledger, options.within).match(ref, options.suggest ?? true),
    );
  }

  registerNegotiation(
    meta: ChangeMeta,
    fields: NewProjectFields & { date: LocalDate; note?: string | null },
  ): Project {
    return this.write(meta, (tx) => {
      assertNewName(tx, fields.name, fields.unitId);
      const project = newProject(tx, meta, fields, fields.date);
      project.stage = '在谈';
      project.negotiationSince = fields.date;
      project.stageHistory.push({ stage: '在谈', date: fields.date });
      if (fields.note) project.notes.push(noteOf(meta, fields.note));
      tx.put('projects', project);
      tx.summary = zh.summaryNegotiation(project.id, project.name);
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
    return this.write(meta, (tx) => {
      let project: Project;
      let created = false;
      if ('projectId' in target) {
        project = mustGet(tx, target.projectId);
        assertNotTerminated(project);
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
      if (signing.note) project.notes.push(noteOf(meta, signing.note));
      touch(project, meta);
      tx.put('projects', project);
      tx.summary = zh.summarySigning(project.id, project.name, signing.type);
      return { project, created };
    });
  }

  /** `beforeSigning`: the person confirmed a start dated before the signing (site work ahead of the contract). */
  certifyStart(
    meta: ChangeMeta,
    projectId: string,
    start: { type: StartType; date: LocalDate },
    beforeSigning = false,
  ): Project {
    return this.write(meta, (tx) =>
      amendProject(tx, meta, projectId, (project) => {
        assertNotTerminated(project);
        if (project.start) throw new UserError(zh.alreadyStarted(project.name, project.start.date));
        if (!project.signing) throw new UserError(zh.startBeforeSigning(project.name));
        if (start.date < project.signing.date && !beforeSigning)
          throw new UserError(zh.startBeforeSigningDate(project.signing.date));
        project.start = { ...start };
        project.stage = '开工';
        project.stageHistory.push({ stage: '开工', date: start.date });
        return zh.summaryStart(project.id, project.name, start.type);
      }),
    );
  }

  /** `beforeSigning`: the person confirmed funds dated before the signing (paid under an earlier agreement). */
  addInstalment(
    meta: ChangeMeta,
    projectId: string,
    input: { date: LocalDate; amountWan: Wan; evidence: string | null; note?: string | null },
    beforeSigning = false,
  ): Project {
    return this.write(meta, (tx) =>
      amendProject(tx, meta, projectId, (project) => {
        assertNotTerminated(project);
        if (!project.signing) throw new UserError(zh.fundsBeforeSigning(project.name));
        if (input.date < project.signing.date && !beforeSigning)
          throw new UserError(zh.fundsBeforeSigningDate(project.signing.date));
        project.instalments.push({
          id: `${project.id}-F${project.instalments.length + 1}`,
          at: stamp(meta),
          date: input.date,
          amountWan: roundWan(input.amountWan),
          evidence: input.evidence,
          by: meta.actor,
        });
        if (input.note) project.notes.push(noteOf(meta, input.note));
        return zh.summaryInstalment(project.id, project.name);
      }),
    );
  }

  addProgressNote(meta: ChangeMeta, projectId: string, text: string): Project {
    return this.write(meta, (tx) =>
      amendProject(tx, meta, projectId, (project) => {
        project.notes.push(noteOf(meta, text));
        return zh.summaryProgress(project.id, project.name);
      }),
    );
  }

  recordProblem(
    meta: ChangeMeta,
    projectId: string,
    input: { category: ProblemCategory; text: string },
  ): Project {
    return this.write(meta, (tx) =>
      amendProject(tx, meta, projectId, (project) => {
        project.problems.push({
          at: stamp(meta),
          category: input.category,
          text: input.text,
          by: meta.actor,
        });
        return zh.summaryProblem(project.id, project.name, input.category);
      }),
    );
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
    let solved: Problem[] = [];
    const project = this.write(meta, (tx) =>
      amendProject(tx, meta, projectId, (project) => {
        solved = project.problems.filter(
          (q) => !q.solved && (input.category === null || q.category === input.category),
        );
        if (solved.length === 0) throw new UserError(zh.noOpenProblem(project.name, input.category));
        for (const q of solved)
          q.solved = { at: stamp(meta), date: input.date, by: meta.actor, note: input.note };
        return zh.summarySolved(project.id, project.name, solved.length);
      }),
    );
    return { project, solved };
  }

  terminateProject(meta: ChangeMeta, projectId: string, input: { reason: string; date: LocalDate }): Project {
    return this.write(meta, (tx) =>
      amendProject(tx, meta, projectId, (project) => {
        assertNotTerminated(project);
        project.termination = { date: input.date, reason: input.reason, fromStage: project.stage };
        project.stage = '终止';
        project.stageHistory.push({ stage: '终止', date: input.date });
        return zh.summaryTerminated(project.id, project.name);
      }),
    );
  }

  updateProject(
    meta: ChangeMeta,
    projectId: string,
    patch: ProjectPatch,
  ): { before: Project; after: Project } {
    let before: Project | undefined;
    const after = this.write(meta, (tx) =>
      amendProject(tx, meta, projectId, (project) => {
        before = structuredClone(project);
        if (patch.unitId && !tx.get('units', patch.unitId)) throw new UserError(zh.unitUnknown(patch.unitId));
        if (
          (patch.name ?? project.name) !== project.name ||
          (patch.unitId ?? project.unitId) !== project.unitId
        )
          assertNewName(tx, patch.name ?? project.name, patch.unitId ?? project.unitId, project.id);
        applyFields(project, patch);
        patchSigning(project, patch);
        return zh.summaryEdited(project.id, project.name);
      }),
    );
    return { before: before as Project, after };
  }
}

/** The contract fields of a correction; refused when the project has not signed. */
function patchSigning(project: Project, patch: ProjectPatch): void {
  const touchesSigning =
    patch.contractAmountWan !== undefined ||
    patch.contractType !== undefined ||
    patch.signingDate !== undefined ||
    patch.startDeadline !== undefined;
  if (!touchesSigning) return;
  if (!project.signing) throw new UserError(zh.patchNeedsSigning(project.name));
  if (patch.contractAmountWan !== undefined) project.signing.amountWan = roundWan(patch.contractAmountWan);
  if (patch.contractType) project.signing.type = patch.contractType;
  if (patch.signingDate) {
    project.signing.date = patch.signingDate;
    const h = project.stageHistory.find((s) => s.stage === '签约');
    if (h) h.date = patch.signingDate;
  }
  if (patch.startDeadline) project.signing.startDeadline = patch.startDeadline;
}
