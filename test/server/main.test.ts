import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dingtalkSign } from '../../src/platforms/dingtalk/sign.ts';
import { fakeWecomLongconn } from '../helpers/fake-wecom-longconn.ts';
import { output, runEntry } from '../helpers/server-process.ts';
import { WECOM_AES_KEY, WECOM_TOKEN, wecomRequest } from '../helpers/wecom-client.ts';

function started(child: ReturnType<typeof runEntry>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (c) => {
      log += c;
      const line = log.split('\n').find((l) => l.includes('"event":"started"'));
      if (line) resolve(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${log}`)));
  });
}

describe('npm start', () => {
  it('enables WeCom when its token and key are set, says so, and answers the URL check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-main-'));
    const child = runEntry('src/main.ts', [], {
      SAIMA_DATA_DIR: dir,
      PORT: '0',
      WECOM_TOKEN,
      WECOM_ENCODING_AES_KEY: WECOM_AES_KEY,
      WECOM_WEBHOOK_KEYS: 'wrkA=secret-robot-key',
    });
    try {
      const log = await started(child);
      expect(log).toMatchObject({
        platforms: ['wecom'],
        wecom: { callback: '/webhook/wecom', groupRobots: 1 },
      });
      expect(JSON.stringify(log)).not.toContain(WECOM_AES_KEY);
      expect(JSON.stringify(log)).not.toContain('secret-robot-key');
      const req = wecomRequest('echo-42');
      const res = await fetch(
        `http://127.0.0.1:${log.port}/webhook/wecom?${req.query}&echostr=${encodeURIComponent(req.encrypted)}`,
      );
      expect(await res.text()).toBe('echo-42');
    } finally {
      child.kill('SIGTERM');
      await output(child);
    }
  });

  it('opens the WeCom long connection in WECOM_MODE=longconn, with no callback route, and closes it on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-main-'));
    const secret = 'longconn-bot-secret-value';
    const wecom = await fakeWecomLongconn({ botId: 'aibot-1', secret });
    const child = runEntry('src/main.ts', [], {
      SAIMA_DATA_DIR: dir,
      PORT: '0',
      WECOM_MODE: 'longconn',
      WECOM_BOT_ID: 'aibot-1',
      WECOM_BOT_SECRET: secret,
      WECOM_LONGCONN_URL: wecom.url,
    });
    try {
      const log = await started(child);
      expect(log).toMatchObject({
        platforms: ['wecom'],
        wecom: { mode: 'longconn', callback: null, longConnection: true },
      });
      await expect.poll(() => wecom.subscribed(), { timeout: 10_000 }).toBe(1);
      const res = await fetch(`http://127.0.0.1:${log.port}/webhook/wecom?echostr=x`);
      expect(res.status).toBe(404);
      child.kill('SIGTERM');
      const { stderr } = await output(child);
      await expect.poll(() => wecom.subscribed()).toBe(0);
      expect(JSON.stringify(log) + stderr).not.toContain(secret);
    } finally {
      child.kill('SIGTERM');
      await output(child);
      await wecom.close();
    }
  });

  it('enables DingTalk HTTP callbacks when AppKey and AppSecret are set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-main-'));
    const secret = 'ding-app-secret-value';
    const child = runEntry('src/main.ts', [], {
      SAIMA_DATA_DIR: dir,
      PORT: '0',
      DINGTALK_APP_KEY: 'dingkey',
      DINGTALK_APP_SECRET: secret,
      DINGTALK_MODE: 'http',
    });
    try {
      const log = await started(child);
      expect(log).toMatchObject({
        platforms: ['dingtalk'],
        dingtalk: { mode: 'http', callback: '/webhook/dingtalk' },
      });
      expect(JSON.stringify(log)).not.toContain(secret);
      const timestamp = String(Date.now());
      const res = await fetch(`http://127.0.0.1:${log.port}/webhook/dingtalk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', timestamp, sign: dingtalkSign(timestamp, secret) },
        body: JSON.stringify({
          msgtype: 'text',
          text: { content: ' 帮助' },
          msgId: 'm1',
          conversationType: '1',
          conversationId: 'cid',
          senderStaffId: 'x',
        }),
      });
      expect(res.status).toBe(200);
      const forged = await fetch(`http://127.0.0.1:${log.port}/webhook/dingtalk`, {
        method: 'POST',
        body: '{}',
      });
      expect(forged.status).toBe(403);
    } finally {
      child.kill('SIGTERM');
      await output(child);
    }
  });

  it('runs with no platform at all and says how to talk to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-main-'));
    const child = runEntry('src/main.ts', [], { SAIMA_DATA_DIR: dir, PORT: '0' });
    try {
      const log = await started(child);
      expect(log).toMatchObject({ platforms: [], dataDir: dir });
      expect(String(log.note)).toMatch(/npm run chat/);
    } finally {
      child.kill('SIGTERM');
      await output(child);
    }
  });

  it('stops at a bad key, naming the variable without printing its value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-main-'));
    const result = await output(
      runEntry('src/main.ts', [], {
        SAIMA_DATA_DIR: dir,
        PORT: '0',
        WECOM_TOKEN,
        WECOM_ENCODING_AES_KEY: 'leaked-secret',
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/WECOM_ENCODING_AES_KEY=（已隐藏）/);
    expect(result.stderr).not.toContain('leaked-secret');
  });

  it('names PORT when the port is taken, and leaves no data directory, lock or journal behind', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as { port: number }).port;
    const parent = mkdtempSync(join(tmpdir(), 'saima-main-'));
    const fresh = join(parent, 'data');
    const empty = mkdtempSync(join(tmpdir(), 'saima-main-'));
    try {
      for (const dir of [fresh, empty]) {
        const result = await output(runEntry('src/main.ts', [], { SAIMA_DATA_DIR: dir, PORT: String(port) }));
        expect(result.code).not.toBe(0);
        expect(result.stderr).toContain(`端口 ${port} 已被其他程序占用（PORT=${port}）`);
        expect(result.stderr).not.toMatch(/PID|另一个 saima 进程/);
      }
      expect(existsSync(fresh)).toBe(false);
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('says the data directory cannot be used, naming SAIMA_DATA_DIR, instead of blaming another process', async () => {
    // tests run as root, where file modes do not stop writes: a path under a regular file fails for anyone
    const parent = mkdtempSync(join(tmpdir(), 'saima-main-'));
    writeFileSync(join(parent, 'not-a-dir'), '');
    const dir = join(parent, 'not-a-dir', 'data');
    const result = await output(runEntry('src/main.ts', [], { SAIMA_DATA_DIR: dir, PORT: '0' }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      `数据目录无法使用：SAIMA_DATA_DIR=${dir}（路径中有一段不是目录而是文件，ENOTDIR）`,
    );
    expect(result.stderr).not.toMatch(/PID|另一个/);
    expect(readdirSync(parent)).toEqual(['not-a-dir']);
  });
});
