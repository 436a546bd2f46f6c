import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { silentLogger } from '../src/core/logger.ts';
import { createApp } from '../src/server/app.ts';
import { ProjectHistoryIndex, serveProjectHistory } from '../src/web/pages/project-history-index.ts';
import { JournalTap } from '../src/web/pages/project-journal-tap.ts';
import { projectPage } from '../src/web/pages/project-view.ts';
import type { PageViewer } from '../src/web/pages/projects-view.ts';
import { webRouter } from '../src/web/web-app.ts';
import { SESSION_COOKIE } from '../src/web/web-guard.ts';
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

const MEMBER: PageViewer = { role: 'member', unitId: 'U001' };

/** The heap in use after a full collection (V8's gc, made callable for this measurement). */
function usedHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return getHeapStatistics().used_heap_size;
}

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
  serveProjectHistory(store, history);
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
    const heapBefore = usedHeap();
    const buildStart = performance.now();
    const first = await projectPage(store, MEMBER, long, NOW, history);
    const buildMs = performance.now() - buildStart;
    const indexBytes = usedHeap() - heapBefore;
    const held = history.size();
    const historyRows = first?.history.length ?? 0;

    const app = createApp({
      store,
      routers: [
        webRouter({
          store,
          clock: { now: () => NOW },
          admins: new Set(['admin']),
          publicUrl: null,
          logger: silentLogger,
        }),
      ],
      logger: silentLogger,
    });
    const server = createServer(app);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const cookieOf = (account: string) => {
      const at = { actor: account, command: 'bench', at: NOW };
      const link = store.offerWebLogin(at, account, 600_000);
      return `${SESSION_COOKIE}=${store.startWebSession(at, link, 8 * 3600_000)?.secret}`;
    };
    const cookies = { leader: cookieOf('zhangsan'), member: cookieOf('lisi'), admin: cookieOf('admin') };
    const get = (who: keyof typeof cookies, path: string) => () =>
      new Promise<void>((ok, fail) => {
        request({ host: '127.0.0.1', port, path, agent, headers: { cookie: cookies[who] } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            res.statusCode === 200
              ? ok()
              : fail(
                  new Error(`${path}: ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`),
                ),
          );
        })
          .on('error', fail)
          .end();
      });
    const longPath = `/web/projects/${long}`;
    const timings: Array<[string, Timing]> = [];
    try {
      timings.push(
        ['赛马 (leader, this month)', await measure(get('leader', '/web/race'))],
        ['项目 list, page 1 (leader, all 5,000)', await measure(get('leader', '/web/projects'))],
        ['项目 list, page 1 (member, own unit)', await measure(get('member', '/web/projects'))],
        [
          '项目 list, filtered (chain+stage+light+text)',
          await measure(
            get(
              'leader',
              `/web/projects?chain=${encodeURIComponent('新能源')}&stage=${encodeURIComponent('签约')}&light=red&q=${encodeURIComponent('项目1')}`,
            ),
          ),
        ],
        [
          '项目 list, by 合同额 desc, page 40',
          await measure(get('leader', '/web/projects?sort=amount&dir=desc&page=40')),
        ],
        [`project page, ${historyRows} history rows`, await measure(get('member', longPath))],
        ['调度 (leader)', await measure(get('leader', '/web/dispatch'))],
        ['调度 (admin, 每月通报 preview)', await measure(get('admin', '/web/dispatch?preview=monthly'))],
      );
      // a report between two views: the list's facts are made again for that project, the index takes the record
      let k = 0;
      const list = get('leader', '/web/projects');
      timings.push([
        '项目 list right after a report',
        await measure(async () => {
          store.addProgressNote(meta('lisi', `进度 ${long} 又一次`), long, `又一次${k++}`);
          await list();
        }),
      ]);
    } finally {
      agent.destroy();
      server.close();
    }
    const worst = Math.max(...timings.map(([, t]) => t.p95));
    return [
      `web pages — ${SIZE.projects} projects, ${SIZE.units} units; journal of ${store.seq} records (${LONG.notes + LONG.instalments} of them on one project); each page requested over HTTP on 127.0.0.1 (session check, page, HTML; loopback included):`,
      `  project history index: ${held.events} events of ${held.projects} projects, about ${(indexBytes / 2 ** 20).toFixed(1)} MB of heap; built once from the whole journal in ${ms(buildMs)} (${history.builds} build${history.builds === 1 ? '' : 's'} over the run, the server starts it at start-up; the journal tap keeps it current after it)`,
      ...timings.map(([name, t]) => row(name, t)),
      `  slowest page p95 ${ms(worst)} — goal p95 < ${GOAL_MS} ms: ${worst < GOAL_MS ? 'met' : 'NOT met'} (load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores at the end)`,
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
