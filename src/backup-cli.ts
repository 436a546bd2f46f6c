import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { BackupError, backupDataDir } from '../storage/backup.ts';
import { loadConfig } from './config.ts';

const USAGE = `用法：npm run backup -- <备份目录>
把 SAIMA_DATA_DIR 复制到一个新的（不存在或为空的）目录。机器人运行时也可以备份，不必停机。
恢复：停止机器人，把备份目录复制为新的数据目录（cp -a 备份目录 数据目录），再启动。`;

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help || positionals.length !== 1) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  dotenv.config({ quiet: true });
  const dataDir = resolve(loadConfig(process.env).SAIMA_DATA_DIR);
  const started = Date.now();
  const result = await backupDataDir(dataDir, positionals[0] as string);
  for (const note of result.notes) process.stdout.write(`说明：${note}\n`);
  process.stdout.write(
    `备份完成：${dataDir} → ${result.dir}\n` +
      `包含到第 ${result.seq} 条变更；快照 ${megabytes(result.snapshotBytes)}，日志 ${megabytes(result.journalBytes)}；` +
      `用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。备份已按启动时的方式打开校验过。\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof BackupError || e instanceof Error ? e.message : String(e);
    process.stderr.write(`备份失败：${message}\n`);
    process.exit(1);
  },
);
