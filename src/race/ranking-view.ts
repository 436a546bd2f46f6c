import type { Reply } from '../core/reply.ts';
import { formatQuantity } from '../domain/indicator-catalogue.ts';
import { zh } from '../text/zh.ts';
import { formatChineseDate } from '../time/clock.ts';
import { colourLabel } from './colours.ts';
import { formatPercent } from './format.ts';
import { yearOf } from './period.ts';
import { type Cell, RANKED, type Ranking, type Standing } from './ranking.ts';

const SHORT: Record<string, string> = {
  contractAmount: '合同额',
  contractCount: '签约个数',
  startedCount: '开工',
  fundsInPlace: '到位资金',
};

function cellText(cell: Cell | undefined): string {
  if (!cell) return '—';
  return `完成${formatQuantity(cell.indicator, cell.actual)}／应达${formatQuantity(cell.indicator, cell.expected, true)}（${formatPercent(cell.r)}）`;
}

function worstGap(s: Standing): string | null {
  const behind = s.cells.filter((c) => c.r < 1).sort((a, b) => a.r - b.r)[0];
  if (!behind) return null;
  const gap = behind.expected - behind.actual;
  return `${s.unit.name}：${SHORT[behind.indicator]}差 ${formatQuantity(behind.indicator, gap, true)}（完成 ${formatQuantity(behind.indicator, behind.actual)}，序时应达 ${formatQuantity(behind.indicator, behind.expected, true)}）`;
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
  const ranked = ranking.standings.filter((s) => s.rank !== null);
  const unranked = ranking.standings.filter((s) => s.rank === null);
  const lines = [
    `截至 ${formatChineseDate(ranking.asOf)}，序时进度 ${formatPercent(ranking.elapsed)}（${tierNote}）。每项为「完成／序时应达（完成率）」，序时应达 = 全年目标 × 序时进度。`,
  ];
  if (ranked.length === 0) {
    return {
      tone: 'info',
      title,
      lines: [...lines, zh.noRankingTargets(yearOf(ranking.asOf))],
    };
  }
  lines.push(
    `🏅红榜：${ranking.honour.length ? ranking.honour.map((s) => `${s.unit.name}（${formatPercent(s.score)}）`).join('、') : '暂无单位达到序时进度'}`,
  );
  lines.push(
    `⚠️黑榜：${ranking.shame.length ? ranking.shame.map((s) => `${s.unit.name}（${formatPercent(s.score)}）`).join('、') : '无'}`,
  );
  const gaps = ranking.shame.map(worstGap).filter((g): g is string => g !== null);
  if (gaps.length) lines.push(`差距最大：${gaps.join('；')}`);
  if (unranked.length) lines.push(`未设目标、未参与排名：${unranked.map((s) => s.unit.name).join('、')}`);
  return {
    tone: 'info',
    title,
    lines,
    table: {
      headers: ['名次', '单位', '颜色', '综合', ...RANKED.map((i) => SHORT[i] as string)],
      rows: ranked.map((s) => [
        String(s.rank),
        s.unit.name,
        s.colour ? colourLabel(s.colour) : '—',
        formatPercent(s.score),
        ...RANKED.map((i) => cellText(s.cells.find((c) => c.indicator === i))),
      ]),
    },
  };
}
