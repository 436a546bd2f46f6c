import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dingtalkSign } from '../../src/platforms/dingtalk/sign.ts';
import { fakeDingtalk, robotMessage } from '../helpers/fake-dingtalk.ts';
import { chatViaSocket, output, runEntry } from '../helpers/server-process.ts';

const APP_KEY = 'dingkey';
const APP_SECRET = 'ding-app-secret-value';

/** Starts the real server and resolves with the port it logged. */
async function start(dir: string, env: Record<string, string>) {
  const child = runEntry('src/main.ts', [], { SAIMA_DATA_DIR: dir, PORT: '0', ...env });
  const port = await new Promise<number>((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (c) => {
      log += c;
      const line = log.split('\n').find((l) => l.includes('"event":"started"'));
      if (line) resolve(JSON.parse(line).port);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${log}`)));
  });
  return { child, port };
}

describe('a real server killed with SIGKILL while DingTalk replies wait for the rate window', () => {
  it('sends them once after the restart', { timeout: 90_000 }, async () => {
    const fake = await fakeDingtalk({ appKey: APP_KEY, appSecret: APP_SECRET, robots: {} });
    const dir = mkdtempSync(join(tmpdir(), 'saima-replies-crash-'));
    const env = {
      SAIMA_ADMINS: 'admin',
      DINGTALK_APP_KEY: APP_KEY,
      DINGTALK_APP_SECRET: APP_SECRET,
      DINGTALK_MODE: 'http',
      DINGTALK_API_BASE: fake.base,
      DINGTALK_OAPI_BASE: fake.base,
    };
    let server = await start(dir, env);
    let n = 0;
    const say = async (content: string) => {
      const timestamp = String(Date.now());
      const res = await fetch(`http://127.0.0.1:${server.port}/webhook/dingtalk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', timestamp, sign: dingtalkSign(timestamp, APP_SECRET) },
        body: JSON.stringify(
          robotMessage({
            msgId: `crash-${++n}`,
            staffId: 'lisi',
            content,
            sessionWebhook: `${fake.base}/robot/sendBySession?session=s1`,
          }),
        ),
      });
      expect(res.status).toBe(200);
    };
    try {
      await chatViaSocket(dir, 'admin', '添加单位 工业园区管委会 类型园区');
      await chatViaSocket(dir, 'admin', '添加成员 李四 账号lisi 单位工业园区管委会 角色成员');
      for (let i = 1; i <= 20; i++) {
        await say(`登记签约 崩溃测试${String(i).padStart(2, '0')}号项目 合同额1亿 类型正式合同`);
        await expect.poll(() => fake.sent.length, { timeout: 10_000, interval: 20 }).toBe(i);
      }
      await say('登记签约 崩溃测试21号项目 合同额1亿 类型正式合同');
      await say('帮助');
      await expect
        .poll(async () => /待发 2 条/.test(await chatViaSocket(dir, 'admin', '推送状态')), {
          timeout: 10_000,
          interval: 100,
        })
        .toBe(true);
      server.child.kill('SIGKILL');
      await output(server.child);
      expect(fake.sent).toHaveLength(20);

      server = await start(dir, env);
      await expect.poll(() => fake.sent.length, { timeout: 15_000, interval: 50 }).toBe(22);
      await new Promise((r) => setTimeout(r, 500));
      expect(fake.sent).toHaveLength(22);
      const numbers = fake.sent.flatMap((s) =>
        [...s.text.matchAll(/崩溃测试(\d\d)号/g)].map((m) => Number(m[1])),
      );
      expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      expect(fake.sent.every((s) => s.via === 'session')).toBe(true);
    } finally {
      server.child.kill('SIGKILL');
      await output(server.child);
      await fake.close();
    }
  });
});
