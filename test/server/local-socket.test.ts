import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { listenLocalSocket, localSocketPath } from '../../src/server/local-socket.ts';
import { conversation } from '../helpers/conversation.ts';
import { postToSocket } from '../helpers/server-process.ts';

let server: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

describe('the local socket', () => {
  it('lives in a 0700 directory of its own, so it is never reachable by another user, and is itself 0600', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'saima-sock-'));
    // a run directory left open by an earlier version or a careless operator is closed first
    mkdirSync(join(dataDir, 'run'));
    chmodSync(join(dataDir, 'run'), 0o777);
    const c = await conversation();
    server = await listenLocalSocket(c.bot, dataDir, silentLogger);
    const path = localSocketPath(dataDir);
    expect(dirname(path)).toBe(join(dataDir, 'run'));
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(statSync(path).isSocket()).toBe(true);
    expect(statSync(path).mode & 0o077).toBe(0);
    const ok = await postToSocket(dataDir, JSON.stringify({ as: 'admin', text: '帮助' }));
    expect(ok.status).toBe(200);
    const bad = await postToSocket(dataDir, '{"as":');
    expect(bad).toEqual({ status: 400, text: '{"error":"malformed_body"}' });
  });

  it('refuses to listen in a run directory that is a symlink to somewhere else', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'saima-sock-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'saima-elsewhere-'));
    chmodSync(elsewhere, 0o755);
    symlinkSync(elsewhere, join(dataDir, 'run'));
    const c = await conversation();
    await expect(listenLocalSocket(c.bot, dataDir, silentLogger)).rejects.toThrow(/不是本用户私有的目录/);
    expect(statSync(elsewhere).mode & 0o777).toBe(0o755); // left as it was
  });
});
