import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { Store } from '../../storage/store.ts';
import { fakeWecom } from '../helpers/fake-wecom.ts';
import { chatViaSocket, output, startServer } from '../helpers/server-process.ts';
import { WECOM_AES_KEY, WECOM_TOKEN } from '../helpers/wecom-client.ts';

describe('a real server killed with SIGKILL in the middle of a push', () => {
  it('delivers the rest once after the restart, and nothing twice', { timeout: 60_000 }, async () => {
    const fake = await fakeWecom({ delayMs: 300 });
    const dir = mkdtempSync(join(tmpdir(), 'saima-push-crash-'));
    const at = new Date();
    const store = await Store.open(new FilePersistence(dir));
    const unit = store.addUnit(
      { actor: 'admin', command: 'test', at },
      { name: '工业园区管委会', type: '园区' },
    );
    for (const chatId of ['g1', 'g2', 'g3']) {
      store.bindChat(
        { actor: 'admin', command: 'test', at },
        { platform: 'wecom', chatId, scope: { kind: 'unit', unitId: unit.id } },
      );
    }
    await store.close();
    const env = {
      SAIMA_ADMINS: 'admin',
      WECOM_TOKEN,
      WECOM_ENCODING_AES_KEY: WECOM_AES_KEY,
      WECOM_API_BASE: fake.base,
      WECOM_WEBHOOK_KEYS: 'g1=key-1,g2=key-2,g3=key-3',
    };
    let server = await startServer(dir, env);
    try {
      expect(await chatViaSocket(dir, 'admin', '立即推送 每月通报')).toMatch(/已开始推送/);
      await expect
        .poll(() => fake.pushes.length, { timeout: 10_000, interval: 20 })
        .toBeGreaterThanOrEqual(2);
      server.kill('SIGKILL');
      await output(server);
      const beforeRestart = fake.pushes.length;
      const check = await Store.open(new FilePersistence(dir));
      const total = check.outbox().length;
      await check.close();
      expect(total).toBe(6); // three groups × (unit progress + its 调度清单)
      expect(beforeRestart).toBeLessThan(total);
      server = await startServer(dir, env);
      // wait until the outbox has nothing left to send
      await expect
        .poll(async () => /待发 0 条/.test(await chatViaSocket(dir, 'admin', '推送状态')), {
          timeout: 15_000,
          interval: 200,
        })
        .toBe(true);
      await new Promise((r) => setTimeout(r, 700));
      server.kill('SIGKILL');
      await output(server);
      const after = await Store.open(new FilePersistence(dir));
      const items = after.outbox();
      await after.close();
      const seen = fake.pushes.map((p) => `${p.key}|${p.body.markdown?.content}`);
      // nothing arrived twice
      expect(new Set(seen).size).toBe(seen.length);
      // every message was either sent, or caught mid-send by the kill and reported as unknown (never re-sent)
      const unknown = items.filter((i) => i.status === 'unknown');
      expect(items.filter((i) => i.status === 'sent' || i.status === 'unknown')).toHaveLength(total);
      expect(unknown.length).toBeLessThanOrEqual(3);
      // and everything recorded as sent did arrive
      expect(seen.length).toBeGreaterThanOrEqual(total - unknown.length);
      expect(seen.length).toBeLessThanOrEqual(total);
    } finally {
      server.kill('SIGKILL');
      await output(server);
      await fake.close();
    }
  });
});
