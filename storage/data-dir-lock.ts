import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export class DataDirLockedError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number,
  ) {
    super(
      `数据目录已被另一个 saima 进程（PID ${pid}）占用：${path}。同一数据目录只能运行一个机器人；请先停止那个进程，或换一个 SAIMA_DATA_DIR。`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Holds the data directory for this process: a pid file, taken over only when its owner is dead. */
export function lockDataDir(path: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = 0;
      try {
        pid = Number(readFileSync(path, 'utf8').trim());
      } catch {
        continue;
      }
      if (pid > 0 && isAlive(pid)) throw new DataDirLockedError(path, pid);
      // the owner was killed (kill -9 leaves the file): the lock is stale
      try {
        unlinkSync(path);
      } catch {
        // another starter removed it first
      }
    }
  }
  throw new DataDirLockedError(path, 0);
}
