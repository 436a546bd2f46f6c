import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { Store } from '../../storage/store.ts';
import { chatViaSocket, output, runEntry, startServer } from '../helpers/server-process.ts';

describe('a real server process', () => {
  it('keeps every acknowledged change when killed with SIGKILL right after the reply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-crash-'));
    const server = await startServer(dir, { SAIMA_ADMINS: 'admin' });
    try {
      expect(await chatViaSocket(dir, 'admin', '添加单位 工业园区管委会 园区')).toMatch(/已添加单位/);
      expect(await chatViaSocket(dir, 'admin', '添加成员 李四 账号lisi 单位工业园区管委会')).toMatch(
        /已添加成员/,
      );
      const ack = await chatViaSocket(
        dir,
        'lisi',
        '登记签约 再生铝项目 合同额12亿 正式合同 日期2023-05-20',
        'wx-1',
      );
      expect(ack).toMatch(/已登记签约/);
      // twenty members' messages in flight at once, one of them delivered twice
      const sends = Array.from({ length: 20 }, (_, i) =>
        chatViaSocket(dir, 'lisi', `到位资金 再生铝项目 ${i + 1}万 凭证银行回单`, `fund-${i}`),
      );
      sends.push(chatViaSocket(dir, 'lisi', '到位资金 再生铝项目 1万 凭证银行回单', 'fund-0'));
      const acks = await Promise.all(sends);
      expect(acks.every((a) => a.includes('已登记到位资金'))).toBe(true);
      // the platform's retry gets the answer the first delivery got
      expect(acks[20]).toBe(acks[0]);
    } finally {
      server.kill('SIGKILL');
      await output(server);
    }
    const store = await Store.open(new FilePersistence(dir));
    const project = store.project('P2023-001');
    expect(project?.signing?.amountWan).toBe(120_000);
    expect(project?.instalments).toHaveLength(20);
    expect(project?.instalments.reduce((s, i) => s + i.amountWan, 0)).toBe(210);
    expect(store.handled('console:wx-1')).not.toBeNull();
    await store.close();
  });

  it('answers line by line in the interactive prompt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-tty-'));
    const child = runEntry(
      'src/chat-cli.ts',
      ['--as', 'admin'],
      { SAIMA_DATA_DIR: dir, SAIMA_ADMINS: 'admin' },
      'pipe',
    );
    child.stdin?.end('添加单位 工业园区管委会 园区\n帮助 撤销\nexit\n');
    const { code, stdout } = await output(child);
    expect(code).toBe(0);
    expect(stdout).toMatch(/已添加单位：工业园区管委会[\s\S]*撤销：撤销自己 24 小时内最近的一次登记/);
  });

  it('refuses a second server on the same data directory and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-lock-'));
    const first = await startServer(dir);
    try {
      const second = await output(runEntry('src/main.ts', [], { SAIMA_DATA_DIR: dir, PORT: '0' }));
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`数据目录已被另一个 saima 进程（PID ${first.pid}，主机 `));
    } finally {
      first.kill('SIGTERM');
      await output(first);
    }
  });

  it('lets npm run chat talk through the running server, and works without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-chat-'));
    const env = { SAIMA_DATA_DIR: dir, SAIMA_ADMINS: 'admin' };
    const offline = await output(
      runEntry('src/chat-cli.ts', ['--as', 'admin', '添加单位 经济信息委 部门'], env),
    );
    expect(offline).toMatchObject({ code: 0 });
    expect(offline.stdout).toMatch(/已添加单位：经济信息委/);
    const server = await startServer(dir, env);
    try {
      const online = await output(runEntry('src/chat-cli.ts', ['--as', 'admin', '添加单位 某镇 镇街'], env));
      expect(online.code).toBe(0);
      expect(online.stdout).toMatch(/已添加单位：某镇/);
      const refusal = await output(runEntry('src/chat-cli.ts', ['--as', 'nobody', '帮助'], env));
      expect(refusal.code).toBe(0);
      expect(refusal.stdout).toMatch(/还不认识您/);
    } finally {
      server.kill('SIGTERM');
      await output(server);
    }
    const store = await Store.open(new FilePersistence(dir));
    expect(store.units().map((u) => u.name)).toEqual(['经济信息委', '某镇']);
    await store.close();
  });
});

describe('npm run chat without a server', () => {
  it('never rewrites the snapshot for a read, and a second call at the same time waits for the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-chat-offline-'));
    const env = { SAIMA_DATA_DIR: dir, SAIMA_ADMINS: 'admin' };
    const added = await output(
      runEntry('src/chat-cli.ts', ['--as', 'admin', '添加单位 经济信息委 部门'], env),
    );
    expect(added.stdout).toMatch(/已添加单位：经济信息委/);
    const snapshot = join(dir, 'saima.json');
    const before = { bytes: readFileSync(snapshot), mtime: statSync(snapshot).mtimeMs };
    const read = await output(runEntry('src/chat-cli.ts', ['--as', 'admin', '全区进度'], env));
    expect(read.code).toBe(0);
    expect(statSync(snapshot).mtimeMs).toBe(before.mtime);
    expect(readFileSync(snapshot)).toEqual(before.bytes);
    // two scripted calls at once: the second waits for the first's lock instead of failing
    const [a, b] = await Promise.all([
      output(runEntry('src/chat-cli.ts', ['--as', 'admin', '添加单位 某镇 镇街'], env)),
      output(runEntry('src/chat-cli.ts', ['--as', 'admin', '添加单位 某街道 镇街'], env)),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(`${a.stdout}\n${b.stdout}`).toMatch(/已添加单位：某镇/);
    expect(`${a.stdout}\n${b.stdout}`).toMatch(/已添加单位：某街道/);
    const store = await Store.open(new FilePersistence(dir));
    expect(
      store
        .units()
        .map((u) => u.name)
        .sort(),
    ).toEqual(['某街道', '某镇', '经济信息委'].sort());
    await store.close();
  });
});
