import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/core/logger.ts';
import { createApp } from '../src/server/app.ts';
import { pages } from '../src/web/pages/index.ts';
import { webRouter } from '../src/web/web-app.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import { Store } from '../storage/store.ts';
import { listenOnLoopback } from '../test/helpers/loopback.ts';
import { measure, ms } from './measure.ts';
import { syntheticDistrict } from './synthetic-district.ts';

const SIZE = { projects: 5_000, units: 60, notes: 100_000, instalments: 20_000 };
const NOW = new Date('2026-11-29T10:00:00+08:00');
const TODAY = '2026-11-29';
const GOAL_MS = 200;

/**
 * The web view's pages on a district of 5,000 projects: each GET page without a path parameter
 * (and the 赛马 page for every period), requested over HTTP on 127.0.0.1 with a logged-in admin's
 * cookie, so the time includes the session check, the page and sending it.
 */
export async function webPagesBench(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-bench-web-'));
  writeFileSync(join(dir, 'saima.json'), JSON.stringify(syntheticDistrict(SIZE, TODAY)));
  const store = await Store.open(
    new FilePersistence(dir, { snapshotEvery: 1_000_000, snapshotAfterMs: 3_600_000 }),
  );
  const clock = { now: () => NOW };
  const app = createApp({
    store,
    routers: [
      webRouter({ store, clock, admins: new Set(['bench-admin']), publicUrl: null, logger: silentLogger }),
    ],
    logger: silentLogger,
  });
  const { server, base } = await listenOnLoopback(app);
  const link = store.offerWebLogin(
    { actor: 'bench-admin', command: 'bench', at: NOW },
    'bench-admin',
    600_000,
  );
  const session = store.startWebSession({ actor: 'bench-admin', command: 'bench', at: NOW }, link, 3600_000);
  const cookie = `saima_session=${session?.secret}`;
  const paths = [
    ...pages
      .filter((p) => (p.method ?? 'GET') === 'GET' && !p.path.includes(':') && !p.path.endsWith('.png'))
      .map((p) => p.path),
    '/web/race?period=last-month',
    '/web/race?period=quarter',
    '/web/race?period=year',
  ];
  const lines = [
    `web pages — ${SIZE.projects} projects, ${SIZE.units} units, over HTTP on 127.0.0.1, as an admin:`,
  ];
  let worst = 0;
  try {
    for (const path of paths) {
      let bytes = 0;
      const t = await measure(async () => {
        const res = await fetch(base + path, { headers: { cookie }, redirect: 'manual' });
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        bytes = (await res.arrayBuffer()).byteLength;
      }, 30);
      worst = Math.max(worst, t.p95);
      lines.push(
        `  ${path.padEnd(32)} median ${ms(t.median).padStart(9)}  p95 ${ms(t.p95).padStart(9)}  ${Math.round(bytes / 1024)} KB`,
      );
    }
    lines.push(
      `  slowest page p95 ${ms(worst)} — goal < ${GOAL_MS} ms: ${worst < GOAL_MS ? 'met' : 'NOT met'}`,
    );
  } finally {
    server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
