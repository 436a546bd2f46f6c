import { z } from 'zod';
import type { PushKind, Scope } from '../../storage/schema.ts';
import { describeScope, scopeContains } from '../../storage/scope.ts';
import type { Line, Reply } from '../core/reply.ts';
import { formatWan, sumWan } from '../domain/money.ts';
import { PUSH_NAMES } from '../domain/push-kinds.ts';
import { visibleToGroup } from '../domain/visibility.ts';
import { colourLabel } from '../race/colours.ts';
import { formatPercent } from '../race/format.ts';
import { signedNotStartedBy } from '../race/indicators.ts';
import { LIGHT_LABEL, lightReason, projectLight } from '../race/lights.ts';
import { signedNotStartedReply } from '../race/lists-view.ts';
import { monthOf, previousMonthEnd, quarterOf, yearOf } from '../race/period.ts';
import { scopeProgress } from '../race/progress-view.ts';
import type { RaceView } from '../race/race-context.ts';
import { rankingReply, tiersUsed } from '../race/ranking-view.ts';
import { zh } from '../text/zh.ts';
import { addDays, type LocalDate } from '../time/clock.ts';
import { DistrictStandings } from './district-standings.ts';
import { cutOffAfter, type Person, reportWindowStart } from './report-period.ts';

/**
 * What one group receives for one push: text parts, optionally the five-colour picture beside them, and
 * people to @ in a last line of the first part (each channel writes the @ its platform understands).
 */
export interface PushContent {
  replies: Reply[];
  picture: { title: string; asOf: LocalDate } | null;
  mention?: { lead: string; people: Person[] };
}

/** The mention line as a preview shows it: names with an @, whatever the platform will do. */
export function mentionPreview(mention: NonNullable<PushContent['mention']>): string {
  return `${mention.lead}${mention.people.map((p) => `@${p.name}`).join(' ')}`;
}

function rankingNote(view: RaceView): string {
  return zh.tierNote(view.settings.rankingTier, view.settings.progressMode === 'months');
}

/** The scope's own standing line for a unit group, or null elsewhere. */
function unitStanding(standings: DistrictStandings, scope: Scope, asOf: LocalDate): Line[] {
  if (scope.kind !== 'unit') return [];
  const s = standings.standing(scope.unitId, asOf);
  if (!s || s.rank === null) return [zh.unitUnranked];
  return [
    zh.unitStanding(formatPercent(s.score), s.colour ? colourLabel(s.colour) : '', s.rank, tiersUsed(s)),
  ];
}

/** The scope's projects that its group may be pushed (a task force's: only those of its units). */
function inScope(view: RaceView, scope: Scope) {
  const visible = visibleToGroup(view.store, scope);
  return (p: Parameters<typeof visible>[0]) => scopeContains(scope, p) && visible(p);
}

/** A digest lists this many overdue projects by name; the count covers them all. */
const OVERDUE_SHOWN = 15;

/** 半月调度: what moved in the last half month, what is overdue, and who has not reported. */
function halfMonth(view: RaceView, scope: Scope, standings: DistrictStandings): Reply {
  const { store, today } = view;
  const from = addDays(today, -15);
  const wanted = inScope(view, scope);
  // read, never kept past this call: no copy of what may be every project of the district
  const projects = store.scanProjects((all) => all.filter(wanted));
  const signed = projects.filter((p) => p.signing && p.signing.date >= from && p.signing.type === '正式合同');
  const started = projects.filter((p) => p.start && p.start.date >= from);
  const funds = sumWan(
    projects.flatMap((p) => p.instalments.filter((f) => f.date >= from).map((f) => f.amountWan)),
  );
  const overdue = projects
    .map((p) => ({ p, light: projectLight(p, today, view.settings) }))
    .filter((x) => x.light.light === 'red');
  const reported = new Set(projects.filter((p) => p.notes.some((n) => n.date >= from)).map((p) => p.unitId));
  // a unit group hears which of its own members were silent; wider groups hear which units were
  const silent =
    scope.kind === 'unit'
      ? standings.silentMembers(scope.unitId, reportWindowStart('cutOff', today)).map((m) => m.name)
      : store
          .units()
          .filter((u) => projects.some((p) => p.unitId === u.id) && !reported.has(u.id))
          .map((u) => u.name);
  const lines: Line[] = [
    zh.halfMonthTotals(
      from,
      today,
      signed.length,
      formatWan(sumWan(signed.map((p) => p.signing?.amountWan ?? 0))),
      started.length,
      formatWan(funds),
    ),
    ...signed.slice(0, 10).map((p) => zh.halfMonthSigned(p.id, p.name, formatWan(p.signing?.amountWan ?? 0))),
    ...started.slice(0, 10).map((p) => zh.halfMonthStarted(p.id, p.name, p.start?.type)),
    overdue.length
      ? { text: zh.overdueCount(overdue.length, OVERDUE_SHOWN), emphasis: true }
      : zh.halfMonthNoRed,
    ...overdue.slice(0, OVERDUE_SHOWN).map((x) => ({
      text: zh.flaggedProject(LIGHT_LABEL.red, x.p.id, x.p.name, [
        x.light.reasons[0] ? lightReason(x.light.reasons[0]) : '',
      ]),
      colour: 'red' as const,
    })),
    silent.length ? zh.halfMonthSilent(silent) : zh.halfMonthAllReported,
  ];
  return { tone: 'info', title: zh.halfMonthTitle(describeScope(scope, store), today), lines };
}

/** After the cut-off, a unit group's leaders are @-ed with who is still missing (see README「报送提醒」). */
function cutOffMention(view: RaceView, scope: Scope, standings: DistrictStandings): PushContent['mention'] {
  if (scope.kind !== 'unit') return undefined;
  const missing = standings.silentMembers(scope.unitId, reportWindowStart('cutOff', view.today));
  const leaders = standings.unitLeaders(scope.unitId);
  // with no 领导 on the unit's roster, the digest's own 未报 line is all there is to say
  if (missing.length === 0 || leaders.length === 0) return undefined;
  return { lead: zh.cutOffMissing(missing.map((m) => m.name)), people: leaders };
}

/** 报送提醒: the day before a cut-off, a unit group's members who have reported nothing this period. */
function reminder(view: RaceView, scope: Scope, standings: DistrictStandings): PushContent {
  if (scope.kind !== 'unit') return { replies: [], picture: null };
  const from = reportWindowStart('reminder', view.today);
  const silent = standings.silentMembers(scope.unitId, from);
  if (silent.length === 0) return { replies: [], picture: null };
  return {
    replies: [
      {
        tone: 'warn',
        title: zh.reminderTitle(describeScope(scope, view.store)),
        lines: zh.reminderLines(from, cutOffAfter(from), silent.length),
      },
    ],
    picture: null,
    mention: { lead: zh.reminderLead, people: silent },
  };
}

/** 每月通报: last month's standing for the group's scope, and the 项目调度清单. */
function monthly(view: RaceView, scope: Scope, standings: DistrictStandings): Reply[] {
  const asOf = previousMonthEnd(view.today);
  const title = zh.monthlyTitle(yearOf(asOf), monthOf(asOf));
  const visible = inScope(view, scope);
  const list = signedNotStartedReply(view, (p) => visible(p) && signedNotStartedBy(p, view.today));
  if (scope.kind === 'district') {
    return [rankingReply(title, standings.ranking(asOf), rankingNote(view)), list];
  }
  const progress = scopeProgress(
    { ...view, today: asOf },
    scope,
    zh.scopedTitle(title, describeScope(scope, view.store)),
    unitStanding(standings, scope, asOf),
  );
  return [progress, list];
}

function lastYearEnd(today: LocalDate): LocalDate {
  return `${yearOf(today) - 1}-12-31`;
}

function quarterEndBefore(today: LocalDate): LocalDate {
  const firstMonth = (quarterOf(today) - 1) * 3 + 1;
  return addDays(`${yearOf(today)}-${String(firstMonth).padStart(2, '0')}-01`, -1);
}

/** 季度晾晒: the five-colour chart of all units as of the quarter just ended, as a picture and as text. */
function quarterly(view: RaceView, scope: Scope, standings: DistrictStandings): PushContent {
  const asOf = quarterEndBefore(view.today);
  const title = zh.quarterlyTitle(yearOf(asOf), quarterOf(asOf));
  const ranking = rankingReply(zh.quarterlyRankingTitle(title), standings.ranking(asOf), rankingNote(view));
  ranking.lines.unshift(...unitStanding(standings, scope, asOf));
  return { replies: [ranking], picture: { title: zh.quarterlyPictureTitle(title), asOf } };
}

/** 年度考核: last year's final ranking and the hero-list candidates. */
function annual(view: RaceView, scope: Scope, standings: DistrictStandings): Reply[] {
  const asOf = lastYearEnd(view.today);
  const ranking = standings.ranking(asOf);
  const reply = rankingReply(zh.annualTitle(yearOf(asOf)), ranking, rankingNote(view));
  reply.lines.unshift(...unitStanding(standings, scope, asOf));
  const candidates = ranking.honour.map((s) => s.unit.name);
  reply.lines.push(
    candidates.length ? zh.heroCandidates(view.settings.boardSize, candidates) : zh.heroCandidatesNone,
  );
  return [reply];
}

/** Daily deadline check: yellow and red projects of the scope (the district group gets red ones only). */
function deadlines(view: RaceView, scope: Scope): Reply[] {
  const wanted = scope.kind === 'district' ? ['red'] : ['red', 'yellow'];
  const visible = inScope(view, scope);
  const flagged = view.store
    .scanProjects((all) => all.filter(visible))
    .map((p) => ({ p, light: projectLight(p, view.today, view.settings) }))
    .filter((x) => wanted.includes(x.light.light));
  if (flagged.length === 0) return [];
  return [
    {
      tone: 'warn',
      title: zh.deadlinesTitle(describeScope(scope, view.store), flagged.length),
      lines: flagged.slice(0, 40).map((x) => ({
        text: zh.flaggedProject(
          LIGHT_LABEL[x.light.light],
          x.p.id,
          x.p.name,
          x.light.reasons.map(lightReason),
        ),
        colour: x.light.light === 'red' ? ('red' as const) : ('yellow' as const),
      })),
    },
  ];
}

/**
 * What every group of a run of this kind shares, as steps a run can take one per turn of the event
 * loop before its first group: each fills `standings` (the district ranking alone is a few tens of ms).
 */
export function sharedSteps(kind: PushKind, view: RaceView, standings: DistrictStandings): Array<() => void> {
  const rank = (asOf: LocalDate) => () => void standings.ranking(asOf);
  const reporters = (from: LocalDate) => () => void standings.reportersSince(from);
  switch (kind) {
    case 'halfMonth':
      return [reporters(reportWindowStart('cutOff', view.today))];
    case 'monthly':
      return [rank(previousMonthEnd(view.today))];
    case 'quarterly':
      return [rank(quarterEndBefore(view.today))];
    case 'annual':
      return [rank(lastYearEnd(view.today))];
    case 'reminder':
      return [reporters(reportWindowStart('reminder', view.today))];
    case 'deadlines':
      return [];
  }
}

/**
 * The content one bound group receives for one kind of push (empty when there is nothing to say).
 * A run passes the same `standings` for every group, so what the district shares is computed once.
 */
export function pushContent(
  kind: PushKind,
  view: RaceView,
  scope: Scope,
  standings: DistrictStandings = new DistrictStandings(view),
): PushContent {
  switch (kind) {
    case 'halfMonth': {
      const mention = cutOffMention(view, scope, standings);
      return {
        replies: [halfMonth(view, scope, standings)],
        picture: null,
        ...(mention ? { mention } : {}),
      };
    }
    case 'monthly':
      return { replies: monthly(view, scope, standings), picture: null };
    case 'quarterly':
      return quarterly(view, scope, standings);
    case 'annual':
      return { replies: annual(view, scope, standings), picture: null };
    case 'deadlines':
      return { replies: deadlines(view, scope), picture: null };
    case 'reminder':
      return reminder(view, scope, standings);
  }
}

export function pushKindByName(name: string): PushKind | null {
  const entry = Object.entries(PUSH_NAMES).find(([, n]) => n === name.trim());
  return entry ? (entry[0] as PushKind) : null;
}

/** The argument of 推送预览 and 立即推送: one of the push names. */
export function pushKindField() {
  const names = Object.values(PUSH_NAMES);
  return z.string({ error: zh.pushKindMissing(names) }).transform((s, ctx) => {
    const kind = pushKindByName(s);
    if (kind) return kind;
    ctx.addIssue({ code: 'custom', message: zh.pushKindUnknown(s, names) });
    return z.NEVER;
  });
}
