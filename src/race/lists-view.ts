import type { Project } from '../../storage/schema.ts';
import type { Reply } from '../core/reply.ts';
import { formatWan } from '../domain/money.ts';
import { zh } from '../text/zh.ts';
import { daysBetween } from '../time/clock.ts';
import { signedNotStartedBy } from './indicators.ts';
import { LIGHT_LABEL, type Light, projectLight } from './lights.ts';
import type { RaceView } from './race-context.ts';

const LIGHT_ORDER: Record<Light, number> = { red: 0, yellow: 1, green: 2 };
/** A chat message is no place for a thousand rows: the worst come first, the rest are counted. */
export const MAX_LIST_ROWS = 50;

function unitName(view: RaceView, p: Readonly<Project>): string {
  return view.store.unit(p.unitId)?.name ?? p.unitId;
}

function unitNames(view: RaceView): Map<string, string> {
  return new Map(view.store.units().map((u) => [u.id, u.name]));
}

function moreLine(total: number): string[] {
  return total > MAX_LIST_ROWS ? [zh.listMore(MAX_LIST_ROWS, total - MAX_LIST_ROWS)] : [];
}

/** 项目调度清单: every signed-not-started project with its days since signing, deadline, owner and light. */
export function signedNotStartedReply(view: RaceView, visible: (p: Readonly<Project>) => boolean): Reply {
  const names = unitNames(view);
  const removed = view.store.removedMemberNames();
  const owner = (p: Readonly<Project>) =>
    p.ownerName && removed.has(p.ownerName)
      ? zh.ownerRemovedShort(p.ownerName)
      : (p.ownerName ?? p.leaderName ?? zh.ownerUnset);
  const rows = view.store
    .scanProjects((all) =>
      all
        .filter((p) => visible(p) && signedNotStartedBy(p, view.today))
        .map((p) => ({ p, light: projectLight(p, view.today, view.settings) })),
    )
    .sort(
      (a, b) =>
        LIGHT_ORDER[a.light.light] - LIGHT_ORDER[b.light.light] ||
        (a.p.signing?.startDeadline ?? '').localeCompare(b.p.signing?.startDeadline ?? ''),
    );
  if (rows.length === 0) return { tone: 'info', title: zh.notStartedNone, lines: [] };
  const red = rows.filter((r) => r.light.light === 'red').length;
  return {
    tone: 'info',
    title: zh.notStartedTitle(rows.length, red),
    lines: [zh.notStartedOrder, ...moreLine(rows.length)],
    table: {
      headers: [...zh.notStartedHeaders],
      rows: rows
        .slice(0, MAX_LIST_ROWS)
        .map(({ p, light }) => [
          p.id,
          p.name,
          names.get(p.unitId) ?? p.unitId,
          p.signing?.date ?? '',
          zh.daysCount(daysBetween(p.signing?.date ?? view.today, view.today)),
          p.signing?.startDeadline ?? '',
          owner(p),
          LIGHT_LABEL[light.light],
        ]),
    },
  };
}

/** 在谈 projects near (yellow) or past (red) their 3- or 6-month limit. */
export function negotiationsDueReply(view: RaceView, visible: (p: Readonly<Project>) => boolean): Reply {
  const names = unitNames(view);
  const rows = view.store
    .scanProjects((all) =>
      all
        .filter((p) => visible(p) && p.stage === '在谈' && p.negotiationSince !== null)
        .map((p) => ({ p, light: projectLight(p, view.today, view.settings) })),
    )
    .filter((r) => r.light.deadline !== null && r.light.deadline !== undefined)
    .filter((r) =>
      r.light.reasons.some((why) => why.kind === 'negotiationOverdue' || why.kind === 'negotiationNear'),
    )
    .sort((a, b) => (a.light.deadline ?? '').localeCompare(b.light.deadline ?? ''));
  const all = view.store.scanProjects((ps) => ps.filter((p) => visible(p) && p.stage === '在谈').length);
  if (rows.length === 0) return { tone: 'info', title: zh.negotiationsNone(all), lines: [] };
  return {
    tone: 'warn',
    title: zh.negotiationsTitle(rows.length, all),
    lines: [zh.negotiationsRule(view.settings.negotiationMonths, view.settings.majorNegotiationMonths)],
    table: {
      headers: [...zh.negotiationsHeaders],
      rows: rows.map(({ p, light }) => [
        p.id,
        p.name,
        names.get(p.unitId) ?? p.unitId,
        p.negotiationSince ?? '',
        zh.daysCount(daysBetween(p.negotiationSince ?? view.today, view.today)),
        light.deadline ?? '',
        LIGHT_LABEL[light.light],
      ]),
    },
  };
}

export function chainProjectLines(view: RaceView, projects: Project[]): string[] {
  return projects
    .sort((a, b) => a.id.localeCompare(b.id))
    .slice(0, 50)
    .map((p) => {
      const amount = p.signing ? ` ${p.signing.type}${formatWan(p.signing.amountWan)}` : '';
      const ended = p.stage === '终止' || p.stage === '投产';
      const light = ended ? '' : LIGHT_LABEL[projectLight(p, view.today, view.settings).light];
      return zh.chainProjectLine(p.id, p.name, p.stage, amount, unitName(view, p), light);
    });
}
