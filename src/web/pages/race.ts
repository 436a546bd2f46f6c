import { zh } from '../../text/zh.ts';
import { html } from '../html.ts';
import { layout } from '../layout.ts';
import type { WebPage } from '../page.ts';

/** 赛马: the ranking as chat computes it, and the five-colour chart from the same options as the PNG. */
export const racePage: WebPage = {
  path: '/web/race',
  title: zh.webNavRace,
  render(ctx) {
    return layout({
      title: zh.webNavRace,
      viewer: ctx.viewer,
      csrf: ctx.csrf,
      section: 'race',
      body: html`<p>…</p>`,
    });
  },
};

/** 下载图片: the PNG as chat pushes it. */
export const raceChartPage: WebPage = {
  path: '/web/race/chart.png',
  title: zh.webRaceDownloadPicture,
  render(ctx) {
    return layout({ title: zh.webNavRace, viewer: ctx.viewer, csrf: ctx.csrf, body: html`` });
  },
};
