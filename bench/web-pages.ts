import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatchPage } from '../src/web/pages/dispatch-view.ts';
import { ProjectHistoryIndex } from '../src/web/pages/project-history-index.ts';
import { JournalTap } from '../src/web/pages/project-journal-tap.ts';
import { projectPage } from '../src/web/pages/project-view.ts';
import { parseProjectQuery } from '../src/web/pages/projects-query.ts';
import { type PageViewer, projectsPage } from '../src/web/pages/projects-view.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import { journalRecords } from '../storage/journal-audit.ts';
import type { ChangeMeta } from '../storage/ledger.ts';
import { Store } from '../storage/store.ts';
import { measure, ms, type Timing } from './measure.ts';
import { syntheticDistrict } from './synthetic-district.ts';

const SIZE = { projects: 5_000, units: 60, notes: 100_000, instalments: 20_000 };
const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';
/** The goal for the server's time per page. */
const GOAL_MS = 200;
/** The project with a long life: this many progress notes and instalments, each its own journal record. */
const LONG = { notes: 400, instalments: 100 };
/** Reports spread over the district, so the journal the index is built from is a district's, not one project's. */
const SPREAD_REPORTS = 10_000;

const LEADER: PageViewer = { role: 'leader', unitId: null };
const MEMBER: PageViewer = { role: 'member', unitId: 'U001' };
const ADMIN: PageViewer = { role: 'admin', unitId: null };

function row(name: string, t: Timing): string {
  return `  ${name.padEnd(44)} p50 ${ms(t.median).padStart(9)}  p95 ${ms(t.p95).padStart(9)}  max ${ms(t.max).padStart(9)}`;
}

/**
 * Server time per web page with 5,000 projects (issue 14): each page's data, as the page handler
 * builds it, over a file store whose journal holds a long-lived project's ~500 records among
 * 10,000 others (archives included). The project history index is built once from the whole journal
 * (timed apart) and kept current by the journal tap after that.
 */
export async function webPagesBench(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-bench-web-'));
  writeFileSync(join(dir, 'saima.json'), JSON.stringify(syntheticDistrict(SIZE, TODAY)));
  const history = new ProjectHistoryIndex(() => journalRecords(dir));
  const store = await Store.open(new JournalTap(new FilePersistence(dir), history));
  try {
    const meta = (actor: string, text: string): ChangeMeta => ({ actor, command: 'bench', at: NOW, text });
    const mine = store.projects((p) => p.unitId === 'U001').map((p) => p.id);
    const long = mine[0] as string;
    for (let i = 0; i < LONG.notes; i++) {
      const text = `第${i + 1}次调度：正在办理规划许可和施工许可`;
      store.addProgressNote(meta('lisi', `进度 ${long} ${text}`), long, text);
    }
    const signed = store.project(long)?.signing?.date ?? TODAY;
    for (let i = 0; i < LONG.instalments; i++)
      store.addInstalment(meta('lisi', `到位资金 ${long} 100万 凭证银行回单`), long, {
        date: signed,
        amountWan: 100,
        evidence: '银行回单',
      });
    const ids = store.projects().map((p) => p.id);
    for (let i = 0; i < SPREAD_REPORTS; i++) {
      const id = ids[(i * 7) % ids.length] as string;
      store.addProgressNote(meta('zhangsan', `进度 ${id} 第${i}条`), id, `第${i}条：要素保障`);
    }
    await store.durable();
    const buildStart = performance.now();
    const first = await projectPage(store, MEMBER, long, NOW, history);
    const buildMs = performance.now() - buildStart;
    const historyRows = first?.history.length ?? 0;

    const list = (viewer: PageViewer, params: Record<string, string>) => () =>
      projectsPage(store, viewer, parseProjectQuery(params), NOW);
    const timings: Array<[string, Timing]> = [
      ['项目 list, page 1 (leader, all 5,000)', await measure(list(LEADER, {}))],
      ['项目 list, page 1 (member, own unit)', await measure(list(MEMBER, {}))],
      [
        '项目 list, filtered (chain+stage+light+text)',
        await measure(list(LEADER, { chain: '新能源', stage: '签约', light: 'red', q: '项目1' })),
      ],
      [
        '项目 list, sorted by 合同额 desc, page 40',
        await measure(list(LEADER, { sort: 'amount', dir: 'desc', page: '40' })),
      ],
      [
        `project page, ${historyRows} history rows`,
        await measure(() => projectPage(store, MEMBER, long, NOW, history)),
      ],
      ['调度 (leader)', await measure(() => dispatchPage(store, LEADER, NOW))],
      [
        '调度 (admin, 每月通报 preview)',
        await measure(() => dispatchPage(store, ADMIN, NOW, { preview: 'monthly' })),
      ],
    ];
    // a report between two views: the list's facts are made again, the index only takes the record
    let k = 0;
    const afterReport = await measure(() => {
      store.addProgressNote(meta('lisi', `进度 ${long} 又一次`), long, `又一次${k++}`);
      return projectsPage(store, LEADER, parseProjectQuery({}), NOW);
    });
    timings.push(['项目 list right after a report', afterReport]);
    const worst = Math.max(...timings.map(([, t]) => t.p95));
    return [
      `web pages — ${SIZE.projects} projects, ${SIZE.units} units; journal of ${store.seq} records (${LONG.notes + LONG.instalments} of them on one project); server time for each page's data:`,
      `  project history index: built once from the whole journal in ${ms(buildMs)} (${history.builds} build${history.builds === 1 ? '' : 's'} over the run, kept current by the journal tap after it)`,
      ...timings.map(([name, t]) => row(name, t)),
      `  slowest page p95 ${ms(worst)} — goal p95 < ${GOAL_MS} ms: ${worst < GOAL_MS ? 'met' : 'NOT met'}`,
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
