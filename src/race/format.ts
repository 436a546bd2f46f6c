/** A ratio as people write it: one decimal, no trailing `.0` (95%, 53.4%, 40%). */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const tenths = Math.round(ratio * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}
