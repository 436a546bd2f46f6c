import type { Reply } from '../core/reply.ts';
import { formatQuantity } from '../domain/indicator-catalogue.ts';
import { zh } from '../text/zh.ts';
import { formatChineseDate } from '../time/clock.ts';
import { colourLabel } from './colours.ts';
import { formatPercent } from './format.ts';
import { yearOf } from './period.ts';
import { type Cell, RANKED, type Ranking, type Scores, type Standing } from './ranking.ts';

const SHORT: Record<string, string> = {
  contractAmount: '合同额',
  contractCount: '签约个数',
  startedCount: '开工',
  fundsInPlace: '到位资金',
};

function cellText(cell: Cell | undefined): string {
  if (!cell) return '—';
  return zh.rankingCell(
    formatQuantity(cell.indicator, cell.actual),
    formatQuantity(cell.indicator, cell.expected, true),
    formatPercent(cell.r),
  );
}

/** How a ranking names what it ranks: a district's units, or the city's districts. */
export interface RankingWords<S extends Scores> {
  nameOf(s: S): string;
  /** 名次, the entrant's column, 颜色, 综合. */
  headers: readonly string[];
  /** Who 红榜 would list, for 「暂无…达到序时进度」. */
  who: string;
  noTargets(year: number): string;
}

const UNIT_WORDS: RankingWords<Standing> = {
  nameOf: (s) => s.unit.name,
  headers: zh.rankingHeaders,
  who: '单位',
  noTargets: zh.noRankingTargets,
};

function worstGap<S extends Scores>(s: S, name: string): string | null {
  const behind = s.cells.filter((c) => c.r < 1).sort((a, b) => a.r - b.r)[0];
  if (!behind) return null;
  const gap = behind.expected - behind.actual;
  return zh.rankingGap(
    name,
    SHORT[behind.indicator] as string,
    formatQuantity(behind.indicator, gap, true),
    formatQuantity(behind.indicator, behind.actual),
    formatQuantity(behind.indicator, behind.expected, true),
  );
}

/** The tiers a unit was actually ranked on: the configured one, or the first named where it has no target of that tier. */
export function tiersUsed(s: Standing): string {
  const byTier = new Map<string, string[]>();
  for (const c of s.cells) byTier.set(c.tier, [...(byTier.get(c.tier) ?? []), SHORT[c.indicator] as string]);
  if (byTier.size <= 1) return `「${[...byTier.keys()][0] ?? ''}」`;
  return [...byTier].map(([tier, indicators]) => `「${tier}」（${indicators.join('、')}）`).join('、');
}

/** 晾晒: every unit's rank, colour, r and each indicator against 序时进度, with 红榜 and 黑榜. */
export function rankingReply(title: string, ranking: Ranking, tierNote: string): Reply {
  return standingsReply(title, ranking, tierNote, UNIT_WORDS);
}

/** The same reply for any entrants, named in `words`. */
export function standingsReply<S extends Scores>(
  title: string,
  ranking: Ranking<S>,
  tierNote: string,
  words: RankingWords<S>,
): Reply {
  const ranked = ranking.standings.filter((s) => s.rank !== null);
  const unranked = ranking.standings.filter((s) => s.rank === null);
  const lines = [zh.rankingAsOf(formatChineseDate(ranking.asOf), formatPercent(ranking.elapsed), tierNote)];
  if (ranked.length === 0) {
    return {
      tone: 'info',
      title,
      lines: [...lines, words.noTargets(yearOf(ranking.asOf))],
    };
  }
  const entry = (s: S) => `${words.nameOf(s)}（${formatPercent(s.score)}）`;
  lines.push(zh.rankingHonour(ranking.honour.map(entry), words.who));
  lines.push(zh.rankingShame(ranking.shame.map(entry)));
  const gaps = ranking.shame.map((s) => worstGap(s, words.nameOf(s))).filter((g): g is string => g !== null);
  if (gaps.length) lines.push(zh.rankingGaps(gaps));
  if (unranked.length) lines.push(zh.rankingUnranked(unranked.map(words.nameOf)));
  return {
    tone: 'info',
    title,
    lines,
    table: {
      headers: [...words.headers, ...RANKED.map((i) => SHORT[i] as string)],
      rows: ranked.map((s) => [
        String(s.rank),
        words.nameOf(s),
        s.colour ? colourLabel(s.colour) : '—',
        formatPercent(s.score),
        ...RANKED.map((i) => cellText(s.cells.find((c) => c.indicator === i))),
      ]),
    },
  };
}
