import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { loadConfig } from '../src/config.ts';
import { buildDemoDistrict } from '../src/demo/build-demo-district.ts';
import { halfYear } from '../src/race/period.ts';
import { raceView } from '../src/race/race-context.ts';
import { summaryReply } from '../src/race/summary-view.ts';
import { renderPlainText } from '../src/render/plain-text.ts';
import { localDate, systemClock } from '../src/time/clock.ts';
import { FilePersistence } from '../storage/file-persistence.ts';
import { Store } from '../storage/store.ts';

/** `npm run demo`: fills an empty data directory with the demo district. */
async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const dir = resolve(config.SAIMA_DATA_DIR);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    process.stderr.write(
      `数据目录 ${dir} 不是空的，演示数据只写入空目录（不会覆盖现有数据）。\n请换一个目录：SAIMA_DATA_DIR=./demo-data npm run demo\n`,
    );
    return 1;
  }
  const now = config.SAIMA_NOW ?? systemClock.now();
  const store = await Store.open(new FilePersistence(dir));
  const started = Date.now();
  const demo = buildDemoDistrict(store, now);
  const elapsed = Date.now() - started;
  process.stdout.write(
    [
      `演示区县已写入 ${dir}：${demo.projects} 个项目，${elapsed} 毫秒。`,
      `按登记数据计算的 ${demo.year} 年上半年统计：`,
      renderPlainText(summaryReply(raceView(store, now), halfYear(demo.year, 1, localDate(now)), '上半年')),
      '试试：',
      `  SAIMA_DATA_DIR=${config.SAIMA_DATA_DIR} npm run chat -- --as ${demo.leaderAccount} "${demo.year}年上半年总结"`,
      `  SAIMA_DATA_DIR=${config.SAIMA_DATA_DIR} npm run chat -- --as ${demo.leaderAccount} "本月晾晒"`,
      `  SAIMA_DATA_DIR=${config.SAIMA_DATA_DIR} npm run chat -- --as ${demo.adminAccount} "签约未开工"`,
      '',
    ].join('\n'),
  );
  await store.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
