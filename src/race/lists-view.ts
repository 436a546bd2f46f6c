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
  return total > MAX_LIST_ROWS
    ? [
        `只列出最紧急的 ${MAX_LIST_ROWS} 个，另有 ${total - MAX_LIST_ROWS} 个；可按单位查看（单位进度）或导出台账。`,
      ]
    : [];
}

/** 项目调度清单: every signed-not-started project with its days since signing, deadline, owner and light. */
export function signedNotStartedReply(view: RaceView, visible: (p: Readonly<Project>) => boolean): Reply {
  const names = unitNames(view);
  const removed = view.store.removedMemberNames();
  const owner = (p: Readonly<Project>) =>
    p.ownerName && removed.has(p.ownerName)
      ? zh.ownerRemovedShort(p.ownerName)
      : (p.ownerName ?? p.leaderName ?? '未定');
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
  if (rows.length === 0) return { tone: 'info', title: '项目调度清单：没有签约未开工的项目', lines: [] };
  const red = rows.filter((r) => r.light.light === 'red').length;
  return {
    tone: 'info',
    title: `项目调度清单：签约未开工 ${rows.length} 个（超期 ${red} 个）`,
    lines: ['按灯色和约定开工期限排序；负责人为定人定责的责任人。', ...moreLine(rows.length)],
    table: {
      headers: ['编号', '项目', '责任单位', '签约日期', '已签约', '约定开工期限', '负责人', '灯'],
      rows: rows
        .slice(0, MAX_LIST_ROWS)
        .map(({ p, light }) => [
          p.id,
          p.name,
          names.get(p.unitId) ?? p.unitId,
          p.signing?.date ?? '',
          `${daysBetween(p.signing?.date ?? view.today, view.today)}天`,
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
  if (rows.length === 0)
    return { tone: 'info', title: `在谈项目 ${all} 个，没有临近或超过期限的`, lines: [] };
  return {
    tone: 'warn',
    title: `在谈超期预警：${rows.length} 个（在谈共 ${all} 个）`,
    lines: [
      `一般项目 ${view.settings.negotiationMonths} 个月、重大项目 ${view.settings.majorNegotiationMonths} 个月内应签约；期限前三分之一起亮黄灯。`,
    ],
    table: {
      headers: ['编号', '项目', '责任单位', '在谈起始', '已在谈', '签约期限', '灯'],
      rows: rows.map(({ p, light }) => [
        p.id,
        p.name,
        names.get(p.unitId) ?? p.unitId,
        p.negotiationSince ?? '',
        `${daysBetween(p.negotiationSince ?? view.today, view.today)}天`,
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
      return `${p.id} ${p.name}（${p.stage}${amount}，${unitName(view, p)}）${light}`;
    });
}
