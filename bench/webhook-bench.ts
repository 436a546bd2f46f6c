import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dingtalkSign } from '../src/platforms/dingtalk/sign.ts';
import { aesKeyFrom, encrypt, signature } from '../src/platforms/wecom/crypto.ts';
import { type LoadRequest, type LoadResult, load } from './http-load.ts';
import { alternate, type Compared, ms, ratioText, spread } from './measure.ts';
import { nodeArgsFor } from './own-module.ts';
import { type Size, syntheticDistrict } from './synthetic-district.ts';

const TOKEN = 'QDG6eK';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const DINGTALK_SECRET = 'bench-app-secret';
const CONNECTIONS = 8;
const ROUNDS = 9;
const PER_RUN = 2_000;
const GOAL = 0.5;

/** Starts one side of the bench in its own process; `BENCH_CPU_PROF=<dir>` profiles it. */
async function start(options: object): Promise<{ port: number; process: ChildProcess }> {
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, ...nodeArgsFor('bench/webhook-server'), JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk) => resolve((JSON.parse(String(chunk)) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`webhook bench server exited with ${code}`)));
  });
  return { port, process: child };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

/** Hands out the next `n` of a prepared list, so no message id or signed pair is sent twice. */
function batches(all: LoadRequest[]): (n: number) => LoadRequest[] {
  let at = 0;
  return (n) => {
    if (at + n > all.length) throw new Error('webhook bench ran out of prepared requests');
    at += n;
    return all.slice(at - n, at);
  };
}

/** The WeCom AI bot's callback for a 查询: encrypted and signed as WeCom sends it, each with its own msgid. */
function wecomRequests(count: number, ids: string[]): LoadRequest[] {
  const key = aesKeyFrom(AES_KEY);
  // WeCom callbacks outside the timestamp window are refused as replays
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const plaintext = JSON.stringify({
      msgid: `bench-${i}`,
      chattype: 'single',
      from: { userid: 'zhangsan' },
      msgtype: 'text',
      text: { content: `查询 ${ids[i % ids.length]}` },
    });
    const encrypted = encrypt(key, plaintext, '');
    const nonce = String(i);
    const query = `msg_signature=${signature(TOKEN, timestamp, nonce, encrypted)}&timestamp=${timestamp}&nonce=${nonce}`;
    return {
      path: `/webhook/wecom?${query}`,
      body: JSON.stringify({ encrypt: encrypted }),
    };
  });
}

/**
 * DingTalk's robot callback for a 查询. It signs only the timestamp, and a signed pair is bound to
 * the first msgId it came with: each request gets its own millisecond, as DingTalk's own do.
 */
function dingtalkRequests(count: number, ids: string[]): LoadRequest[] {
  const started = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const timestamp = String(started - i);
    return {
      path: '/webhook/dingtalk',
      body: JSON.stringify({
        msgtype: 'text',
        text: { content: ` 查询 ${ids[i % ids.length]}` },
        msgId: `ding-${i}`,
        conversationType: '1',
        conversationId: 'cidBENCH',
        senderStaffId: 'zhangsan',
        sessionWebhookExpiredTime: 0,
      }),
      headers: { timestamp, sign: dingtalkSign(timestamp, DINGTALK_SECRET) },
    };
  });
}

/**
 * CPU time (user + system, ms) a server process has used, from /proc: unlike req/s it hardly moves
 * when other work shares the machine. Null where there is no /proc.
 */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

type Run = LoadResult & { cpuPerRequestUs: number | null };

/** A load run's req/s, kept with its latencies and the server's CPU per request for the report. */
function runner(
  server: { port: number; process: ChildProcess },
  next: (n: number) => LoadRequest[],
  path?: string,
) {
  const runs: Run[] = [];
  const figure = async () => {
    const batch = next(PER_RUN).map((r) => (path ? { ...r, path } : r));
    const before = cpuMs(server.process.pid);
    const result = await load(server.port, batch, CONNECTIONS);
    const after = cpuMs(server.process.pid);
    if (result.errors > 0)
      throw new Error(`${result.errors} of ${result.requests} requests to ${batch[0]?.path} failed`);
    const cpuPerRequestUs = before === null || after === null ? null : ((after - before) * 1000) / PER_RUN;
    runs.push({ ...result, cpuPerRequestUs });
    return result.perSecond;
  };
  return { figure, runs };
}

function sideText(name: string, runs: Run[]): string {
  const rate = spread(runs.map((r) => r.perSecond));
  const p99 = spread(runs.map((r) => r.p99));
  const cpu = runs.every((r) => r.cpuPerRequestUs !== null)
    ? `, server CPU per request median ${spread(runs.map((r) => r.cpuPerRequestUs as number)).median.toFixed(0)} µs`
    : '';
  return `  ${name.padEnd(36)} req/s median ${rate.median.toFixed(0)} (min ${rate.min.toFixed(0)}, max ${rate.max.toFixed(0)}), p99 median ${ms(p99.median)}${cpu}`;
}

function verdict(c: Compared): string {
  return `  ratio ${ratioText(c.ratio)} — goal ≥ ${GOAL}: ${c.ratio.median >= GOAL ? 'met' : 'NOT met'}`;
}

/**
 * Requests per second through `/webhook/wecom` (encrypted, signed) and `/webhook/dingtalk` (signed),
 * each against bare Express receiving the same bodies: both warmed up, then measured in
 * alternating rounds, the ratio taken per round.
 */
export async function webhookBench(size: Size, today: string): Promise<string[]> {
  const ids = Object.keys(syntheticDistrict(size, today).projects);
  // both sides of one warm-up round and ROUNDS measured rounds, per platform; DingTalk's also feed
  // the two bare servers' comparison (bare Express and Node http ignore what the bodies say)
  const needed = 2 * (ROUNDS + 1) * PER_RUN;
  const wecom = batches(wecomRequests(needed, ids));
  const dingtalk = batches(dingtalkRequests(2 * needed, ids));
  const app = await start({
    kind: 'app',
    token: TOKEN,
    aesKey: AES_KEY,
    dingtalkSecret: DINGTALK_SECRET,
    size,
    today,
  });
  const bare = await start({ kind: 'bare' });
  const node = await start({ kind: 'node' });
  try {
    const lines = [
      `webhooks — ${ROUNDS} alternating rounds after a warm-up round, ${PER_RUN} requests a run, ${CONNECTIONS} keep-alive connections, each server in its own process:`,
    ];
    const sides = [
      { name: '/webhook/wecom encrypted 查询', next: wecom, note: null },
      {
        name: '/webhook/dingtalk signed 查询',
        next: dingtalk,
        note: '  (the answer is not stored here: the bench callbacks carry no live sessionWebhook, so the outbox write a real one costs is not in this figure)',
      },
    ];
    for (const side of sides) {
      // bare Express gets the same bodies as the path it is compared with, from the same list
      const base = runner(bare, side.next, '/bare');
      const subject = runner(app, side.next);
      const compared = await alternate(base.figure, subject.figure, { rounds: ROUNDS, warmup: 1 });
      lines.push(
        sideText('bare Express, same bodies', base.runs.slice(1)),
        sideText(side.name, subject.runs.slice(1)),
        verdict(compared),
      );
      if (side.note) lines.push(side.note);
    }
    // what of bare Express's cost is Express's own: the same least receiver without it
    const expressOnly = runner(bare, dingtalk, '/bare');
    const nodeOnly = runner(node, dingtalk, '/bare');
    const share = await alternate(expressOnly.figure, nodeOnly.figure, { rounds: ROUNDS, warmup: 1 });
    lines.push(
      sideText('bare Node http, same bodies', nodeOnly.runs.slice(1)),
      `  bare Node http ÷ bare Express, req/s ${ratioText(share.ratio)} (not a goal: Express's own share of a request)`,
    );
    return lines;
  } finally {
    await Promise.all([stop(app.process), stop(bare.process), stop(node.process)]);
  }
}
