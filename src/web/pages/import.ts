import { basename } from 'node:path';
import type { LedgerImportInput, LedgerImportOutcome } from '../../../storage/ledger-import-input.ts';
import { isUserError } from '../../core/errors.ts';
import { zh } from '../../text/zh.ts';
import { importReport } from '../../workbook/import/import-report.ts';
import { readLedgerWorkbook } from '../../workbook/import/read-ledger-workbook.ts';
import { READ_LIMITS } from '../../workbook/import/read-limits.ts';
import { assetUrl } from '../assets.ts';
import { type Html, html } from '../html.ts';
import { csrfField, layout } from '../layout.ts';
import { type PageContext, redirect, type WebPage } from '../page.ts';
import { type CheckedUpload, PendingUploads } from './import-uploads.ts';

/** The import as the process holding the store runs it (src/workbook/import/run-ledger-import.ts). */
export type WebImporter = (request: {
  as: string;
  input: LedgerImportInput;
  dryRun: boolean;
}) => Promise<LedgerImportOutcome>;

export const IMPORT_PATH = '/web/import';
const FALLBACK_NAME = 'upload.xlsx';

/** The name the page script sends in `X-File-Name` (URI-encoded), as a bare file name for the journal. */
function uploadName(header: string | undefined): string {
  if (!header) return FALLBACK_NAME;
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    return FALLBACK_NAME;
  }
  const bare = [...basename(name.replace(/\\/g, '/')).trim()].slice(0, 200).join('');
  return bare || FALLBACK_NAME;
}

function page(ctx: PageContext, body: Html, scripts: readonly string[] = []): Html {
  return layout({
    title: zh.webImportTitle,
    viewer: ctx.viewer,
    csrf: ctx.csrf,
    section: 'dispatch',
    body,
    scripts,
  });
}

function report(lines: readonly string[]): Html {
  return html`<pre class="panel import-report">${lines.join('\n')}</pre>`;
}

const again = html`<p class="actions"><a class="button" href="${IMPORT_PATH}">${zh.webImportAgain}</a></p>`;

/**
 * 导入 for admins: upload one .xlsx → the dry run's report (the console's text, every problem by
 * sheet, row and column) → 确认导入 writes the very rows that were checked, once. The upload is
 * read in memory and never written to disk; its rows wait in memory for 10 minutes at most.
 */
export function importPages(run: WebImporter, pending = new PendingUploads()): WebPage[] {
  const form: WebPage = {
    path: IMPORT_PATH,
    title: zh.webImportTitle,
    access: 'admin',
    render(ctx) {
      return page(
        ctx,
        html`<p>${zh.webImportIntro}</p>
<form id="import-form" class="panel" method="post" action="${IMPORT_PATH}">
${csrfField(ctx.csrf)}
<p><label>${zh.webImportFile} <input type="file" name="file" id="import-file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label></p>
<p><button type="submit" class="button primary">${zh.webImportCheck}</button></p>
<p id="import-status" role="status" hidden><span id="import-status-text">${zh.webImportReading}</span> <progress id="import-progress"></progress></p>
</form>
<p id="import-texts" hidden data-uploading="${zh.webImportUploading}" data-reading="${zh.webImportReading}" data-failed="${zh.webImportFailed}" data-pick="${zh.webImportPickFile}" data-max="${READ_LIMITS.fileBytes}" data-too-large="${zh.webImportTooLarge(READ_LIMITS.fileBytes / 1024 / 1024)}"></p>`,
        [assetUrl('import.js')],
      );
    },
  };

  const check: WebPage = {
    method: 'POST',
    path: IMPORT_PATH,
    title: zh.webImportTitle,
    access: 'admin',
    body: { kind: 'raw', maxBytes: READ_LIMITS.fileBytes },
    async render(ctx) {
      const name = uploadName(ctx.header('x-file-name'));
      let upload: CheckedUpload;
      try {
        const read = await readLedgerWorkbook(ctx.raw ?? Buffer.alloc(0), name);
        const outcome = await run({ as: ctx.viewer.account, input: read.input, dryRun: true });
        upload = { kind: 'read', read, outcome };
      } catch (e) {
        if (!isUserError(e)) throw e;
        upload = { kind: 'unreadable', message: e.message };
      }
      // the CSRF token is derived from the session's secret: it names the session without revealing it
      const token = pending.put(ctx.csrf, upload, ctx.now);
      return redirect(`${IMPORT_PATH}/${token}`);
    },
  };

  const checked: WebPage = {
    path: `${IMPORT_PATH}/:token`,
    title: zh.webImportTitle,
    access: 'admin',
    render(ctx) {
      const upload = pending.get(ctx.csrf, ctx.params.token ?? '', ctx.now);
      if (!upload) return page(ctx, html`<p>${zh.webImportGone}</p>${again}`);
      if (upload.kind === 'unreadable')
        return page(ctx, html`<p class="problem">${upload.message}</p>${again}`);
      const lines = importReport(upload.outcome, upload.read, upload.read.input.fileName, true);
      if (upload.outcome.kind === 'refused')
        return page(ctx, html`${report(lines)}<p>${zh.webImportHasProblems}</p>${again}`);
      return page(
        ctx,
        html`${report(lines)}
<form method="post" action="${IMPORT_PATH}/${ctx.params.token ?? ''}" class="actions">${csrfField(ctx.csrf)}
<button type="submit" class="button primary" id="import-confirm">${zh.webImportConfirm}</button>
<a class="button" href="${IMPORT_PATH}">${zh.webImportAgain}</a></form>`,
      );
    },
  };

  const confirm: WebPage = {
    method: 'POST',
    path: `${IMPORT_PATH}/:token`,
    title: zh.webImportTitle,
    access: 'admin',
    async render(ctx) {
      // taken before the import runs: a second click or a replayed form finds nothing
      const upload = pending.take(ctx.csrf, ctx.params.token ?? '', ctx.now);
      if (upload?.kind !== 'read' || upload.outcome.kind === 'refused')
        return page(ctx, html`<p>${zh.webImportGone}</p>${again}`);
      let outcome: LedgerImportOutcome;
      try {
        outcome = await run({ as: ctx.viewer.account, input: upload.read.input, dryRun: false });
      } catch (e) {
        if (!isUserError(e)) throw e;
        return page(ctx, html`<p class="problem">${e.message}</p>${again}`);
      }
      const lines = importReport(outcome, upload.read, upload.read.input.fileName, false);
      return page(
        ctx,
        html`${report(lines)}
<p class="actions"><a class="button" href="/web/projects">${zh.webImportProjectsLink}</a> <a class="button" href="${IMPORT_PATH}">${zh.webImportAgain}</a></p>`,
      );
    },
  };

  return [form, check, checked, confirm];
}
