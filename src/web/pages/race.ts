import { fiveColourOption, fiveColourPng } from '../../picture/five-colour-chart.ts';
import { monthOf, yearOf } from '../../race/period.ts';
import { raceView, rankingWithReply } from '../../race/race-context.ts';
import { type RankingPeriodKind, rankingPeriod } from '../../race/ranking-periods.ts';
import { zh } from '../../text/zh.ts';
import { assetUrl } from '../assets.ts';
import { html, jsonData } from '../html.ts';
import { layout } from '../layout.ts';
import { file, type PageContext, type WebPage } from '../page.ts';
import { replyHtml } from '../reply-html.ts';
import { choiceQuery, type RaceChoice, raceChoice, targetYears, tiersOf } from './race-choice.ts';

/** The fonts the browser draws the chart with: the viewer's own Chinese fonts (the PNG embeds Noto Sans SC). */
const BROWSER_FONTS = '"Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif';

const PERIOD_LABELS: Record<RankingPeriodKind, string> = {
  'this-month': zh.webPeriodThisMonth,
  'last-month': zh.webPeriodLastMonth,
  month: zh.webPeriodAnyMonth,
  quarter: zh.webPeriodQuarter,
  'last-quarter': zh.webPeriodLastQuarter,
  year: zh.webPeriodYear,
};

/**
 * The ranking for the chosen period and tier, made exactly as chat makes 晾晒 (rankingPeriod +
 * rankingWithReply): the same function, so the same numbers, colours and wording.
 */
function ranked(ctx: PageContext) {
  const view = raceView(ctx.store, ctx.now);
  const today = view.today;
  const years = targetYears(ctx.store, today);
  // the tier list follows the year the ranking is taken in
  const first = raceChoice(ctx.query, today, [], view.settings);
  const asOfYear = yearOf(rankingPeriod(today, first.period).asOf);
  const tiers = tiersOf(ctx.store, asOfYear, view.settings.rankingTier);
  const choice = raceChoice(ctx.query, today, tiers, view.settings);
  const period = rankingPeriod(today, choice.period);
  const settings = { ...view.settings, rankingTier: choice.tier };
  const { reply, ranking } = rankingWithReply(
    { ...view, settings },
    period.asOf,
    period.title,
    period.picture,
  );
  const pictureTitle = reply.picture?.title ?? period.title;
  return { today, years, tiers, choice, period, settings, reply, ranking, pictureTitle };
}

function selectors(choice: RaceChoice, tiers: string[], years: number[], today: string) {
  const kind = choice.period.kind;
  const month = choice.period.month ?? monthOf(today);
  const year = choice.period.year ?? null;
  return html`<form method="get" action="/web/race" class="controls panel">
<label>${zh.webRacePeriod}<select name="period">${(Object.keys(PERIOD_LABELS) as RankingPeriodKind[]).map(
    (k) => html`<option value="${k}"${k === kind ? html` selected` : ''}>${PERIOD_LABELS[k]}</option>`,
  )}</select></label>
<label>${zh.webRaceMonth}<select name="month">${Array.from({ length: 12 }, (_, i) => i + 1).map(
    (m) => html`<option value="${m}"${m === month ? html` selected` : ''}>${zh.webPeriodMonth(m)}</option>`,
  )}</select></label>
<label>${zh.webRaceYear}<select name="year"><option value="">—</option>${years.map(
    (y) => html`<option value="${y}"${y === year ? html` selected` : ''}>${zh.webYear(y)}</option>`,
  )}</select></label>
<label>${zh.webRaceTier}<select name="tier">${tiers.map(
    (t) => html`<option value="${t}"${t === choice.tier ? html` selected` : ''}>${t}</option>`,
  )}</select></label>
<button type="submit" class="primary">${zh.webRaceShow}</button>
</form>`;
}

/** 赛马: the ranking as chat computes it, and the five-colour chart from the same options as the PNG. */
export const racePage: WebPage = {
  path: '/web/race',
  title: zh.webNavRace,
  render(ctx) {
    const r = ranked(ctx);
    const query = choiceQuery(r.choice);
    const chart = fiveColourOption(r.ranking, r.pictureTitle, r.settings, BROWSER_FONTS);
    const body = html`${selectors(r.choice, r.tiers, r.years, r.today)}
<div class="actions">
<a class="button" id="download-picture" href="/web/race/chart.png?${query}" download>${zh.webRaceDownloadPicture}</a>
${ctx.hasPage('/web/export') ? html`<a class="button" id="export-ledger" href="/web/export">${zh.webRaceExport}</a>` : ''}
</div>
<section class="panel ranking" id="ranking">${replyHtml(r.reply)}</section>
<section class="panel">
<h2>${zh.webRaceChartTitle}</h2>
<div id="five-colour-chart" class="chart" role="img" aria-label="${r.pictureTitle}"></div>
${jsonData('five-colour-option', { option: chart.option, height: chart.height })}
</section>`;
    return layout({
      title: zh.webNavRace,
      viewer: ctx.viewer,
      csrf: ctx.csrf,
      section: 'race',
      body,
      scripts: [assetUrl('echarts.min.js'), assetUrl('race.js')],
    });
  },
};

/** 下载图片: the PNG exactly as chat pushes it (the same ranking, title and renderer). */
export const raceChartPage: WebPage = {
  path: '/web/race/chart.png',
  title: zh.webRaceDownloadPicture,
  async render(ctx) {
    const r = ranked(ctx);
    const png = await fiveColourPng(r.ranking, r.pictureTitle, r.settings);
    return file(png, 'image/png', `${r.pictureTitle}.png`);
  },
};
