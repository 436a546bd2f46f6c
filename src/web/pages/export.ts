import { isUserError } from '../../core/errors.ts';
import { zh } from '../../text/zh.ts';
import { localDate } from '../../time/clock.ts';
import { exportPeriod } from '../../workbook/export/export-period.ts';
import { html } from '../html.ts';
import { layout } from '../layout.ts';
import { file, type PageContext, type WebPage } from '../page.ts';

/** What the server's export gives for one request: the 台账 workbook built now (src/ledger-export.ts). */
export type LedgerFileMaker = (request: {
  year: number;
  asOf: string;
  unitId: string | null;
}) => Promise<{ bytes: Buffer; filename: string; type: string }>;

function refusal(ctx: PageContext, message: string) {
  return layout({
    title: zh.webRaceExport,
    viewer: ctx.viewer,
    csrf: ctx.csrf,
    section: 'race',
    body: html`<p>${message}</p><p><a href="/web/race">${zh.webBackToRace}</a></p>`,
  });
}

/**
 * 导出台账 on the page: the same workbook and the same rule as the chat command (a member gets only
 * their unit's rows), downloaded at once: the session already says who asks, so no one-time link.
 */
export function exportPage(make: LedgerFileMaker): WebPage {
  return {
    path: '/web/export',
    title: zh.webRaceExport,
    async render(ctx) {
      const { viewer } = ctx;
      if (viewer.role === 'member' && viewer.unitId === null) return refusal(ctx, zh.exportNoUnit);
      let period: { year: number; asOf: string };
      try {
        period = exportPeriod(localDate(ctx.now), { year: ctx.query.year ?? null });
      } catch (e) {
        if (isUserError(e)) return refusal(ctx, e.message);
        throw e;
      }
      const made = await make({ ...period, unitId: viewer.role === 'member' ? viewer.unitId : null });
      return file(made.bytes, made.type, made.filename);
    },
  };
}
