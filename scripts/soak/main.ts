import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dingtalkSign } from '../../src/platforms/dingtalk/sign.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import type { UnitType } from '../../storage/schema.ts';
import { Store } from '../../storage/store.ts';
import { fakeDingtalk, robotMessage } from '../../test/helpers/fake-dingtalk.ts';
import { fakeWecom } from '../../test/helpers/fake-wecom.ts';
import {
  aiBotMessage,
  openPassiveReply,
  WECOM_AES_KEY,
  WECOM_TOKEN,
  wecomRequest,
} from '../../test/helpers/wecom-client.ts';
import { type Attempted, countMarkers, percentile, tally } from './tally.ts';

/**
 * `npm run soak`: the real server as a child process on 127.0.0.1, fed by many reporters through
 * encrypted WeCom AI-bot callbacks and signed DingTalk HTTP callbacks, killed with SIGKILL at random
 * moments and restarted; then the data directory is reopened and every acknowledged report is
 * looked for. Bounded in time and count; nothing leaves 127.0.0.1.
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const USAGE = `用法：npm run soak -- [--seconds 60] [--reporters 200] [--kill-every 8-15] [--kills N]
                      [--think 2-6] [--units 20] [--dist] [--keep] [--seed N]
  --seconds     报送持续秒数（1–600）          --reporters  同时报送的成员数（1–1000）
  --kill-every  两次 kill -9 之间的秒数范围       --kills      最多 kill -9 几次（默认不限，0 = 不杀）
  --think       每个成员两条消息之间的秒数范围   --dist       运行 dist/src/main.js（先 npm run build）
  --keep        保留数据目录                  --seed       随机数种子（复现同一串 kill 时刻）`;

const APP_KEY = 'soak-app-key';
const APP_SECRET = 'soak-app-secret';
const REQUEST_TIMEOUT_MS = 5_000; // WeCom gives up on a callback after 5 s and sends it again
const MAX_ATTEMPTS = 8;
const DRAIN_MS = 30_000;

function range(text: string, name: string): [number, number] {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(text);
  if (!m) throw new Error(`--${name} 应写成 8-15 或 10`);
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (hi < lo) throw new Error(`--${name} 的范围写反了`);
  return [lo, hi];
}

function bounded(text: string, name: string, lo: number, hi: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`--${name} 应是 ${lo}–${hi} 的整数`);
  return n;
}

/** A small seeded generator, so a run's kill moments can be replayed with --seed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

interface Reporter {
  account: string;
  unit: number;
  projectId: string;
}

/** Units, 200 members and one signed project per unit, written through the store's own verbs. */
async function buildDataDir(dir: string, units: number, reporters: number): Promise<Reporter[]> {
  const store = await Store.open(new FilePersistence(dir));
  const at = new Date();
  const meta = (actor: string, command: string) => ({ actor, command, at, text: null, messageKey: null });
  const types: UnitType[] = ['园区', '部门', '镇街'];
  const projects: string[] = [];
  const unitIds: string[] = [];
  for (let u = 0; u < units; u++) {
    const unit = store.addUnit(meta('soak', 'add-unit'), {
      name: `浸泡测试单位${String(u + 1).padStart(2, '0')}`,
      type: types[u % types.length] as UnitType,
    });
    unitIds.push(unit.id);
    const { project } = store.registerSigning(
      meta('soak', 'register-signing'),
      { create: { name: `浸泡测试项目${String(u + 1).padStart(2, '0')}`, unitId: unit.id } },
      { type: '正式合同', date: `${at.getFullYear()}-01-15`, amountWan: 10_000 },
    );
    projects.push(project.id);
  }
  const out: Reporter[] = [];
  for (let r = 0; r < reporters; r++) {
    const unit = r % units;
    const account = `soak${String(r + 1).padStart(4, '0')}`;
    store.upsertMember(meta('soak', 'add-member'), {
      name: `浸泡成员${String(r + 1).padStart(4, '0')}`,
      account,
      unitId: unitIds[unit] as string,
      role: 'member',
    });
    out.push({ account, unit, projectId: projects[unit] as string });
  }
  await store.close();
  return out;
}

interface ProbeLine {
  pid: number;
  from: number;
  to: number;
  maxMs: number;
  maxRssMb: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      reporters: { type: 'string', default: '200' },
      'kill-every': { type: 'string', default: '8-15' },
      kills: { type: 'string' },
      think: { type: 'string', default: '2-6' },
      units: { type: 'string', default: '20' },
      seed: { type: 'string' },
      dist: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const seconds = bounded(values.seconds, 'seconds', 1, 600);
  const reporterCount = bounded(values.reporters, 'reporters', 1, 1000);
  const units = Math.min(bounded(values.units, 'units', 1, 200), reporterCount);
  const [killLo, killHi] = range(values['kill-every'], 'kill-every');
  const maxKills =
    values.kills === undefined ? Number.POSITIVE_INFINITY : bounded(values.kills, 'kills', 0, 1000);
  const [thinkLo, thinkHi] = range(values.think, 'think');
  const seed =
    values.seed === undefined ? randomBytes(4).readUInt32BE() : bounded(values.seed, 'seed', 0, 2 ** 32 - 1);
  const rnd = random(seed);
  const entry = values.dist ? join(ROOT, 'dist', 'src', 'main.js') : join(ROOT, 'src', 'main.ts');
  if (values.dist && !existsSync(entry)) throw new Error('没有 dist/src/main.js：先运行 npm run build');

  const work = mkdtempSync(join(tmpdir(), 'saima-soak-'));
  const dataDir = join(work, 'data');
  mkdirSync(dataDir);
  const probeFile = join(work, 'probe.jsonl');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(
    `saima soak：${seconds} 秒，${reporterCount} 个成员，${units} 个单位，种子 ${seed}，数据目录 ${dataDir}`,
  );

  const reporters = await buildDataDir(dataDir, units, reporterCount);
  const wecom = await fakeWecom();
  const dingtalk = await fakeDingtalk({ appKey: APP_KEY, appSecret: APP_SECRET, robots: {} });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  // ── the server under soak ──────────────────────────────────────────────
  const startedAt = new Map<number, number>();
  let server: ChildProcess | null = null;
  let logTail = '';
  const start = (): Promise<ChildProcess> =>
    new Promise((ok, fail) => {
      const args = values.dist ? [] : ['--import', 'tsx'];
      const child = spawn(
        process.execPath,
        [...args, '--import', join(ROOT, 'scripts', 'soak', 'probe.mjs'), entry],
        {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'pipe'],
          env: {
            PATH: process.env.PATH,
            NODE_ENV: 'production',
            SOAK_PROBE_FILE: probeFile,
            SAIMA_DATA_DIR: dataDir,
            HOST: '127.0.0.1',
            PORT: String(port),
            WECOM_TOKEN,
            WECOM_ENCODING_AES_KEY: WECOM_AES_KEY,
            WECOM_API_BASE: wecom.base,
            DINGTALK_APP_KEY: APP_KEY,
            DINGTALK_APP_SECRET: APP_SECRET,
            DINGTALK_MODE: 'http',
            DINGTALK_API_BASE: dingtalk.base,
            DINGTALK_OAPI_BASE: dingtalk.base,
          },
        },
      );
      let log = '';
      const timer = setTimeout(
        () => fail(new Error(`服务器 30 秒内没有启动：\n${log.slice(-2000)}`)),
        30_000,
      );
      child.stderr?.on('data', (c: Buffer) => {
        log += c;
        logTail = (logTail + c).slice(-4000);
        const line = log.split('\n').find((l) => l.includes('"event":"started"'));
        if (line && !startedAt.has(child.pid as number)) {
          startedAt.set(child.pid as number, Date.now());
          clearTimeout(timer);
          ok(child);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (!startedAt.has(child.pid as number))
          fail(new Error(`服务器启动失败（${code ?? signal}）：\n${log.slice(-2000)}`));
      });
    });
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => child.once('exit', () => r()));

  server = await start();

  // ── reporters ──────────────────────────────────────────────────────────
  const runTag = randomBytes(3).toString('hex');
  const markerPattern = new RegExp(`K${runTag}-\\d{6}`);
  const messages: Attempted[] = [];
  const statusCounts = new Map<string, number>();
  const count = (key: string) => statusCounts.set(key, (statusCounts.get(key) ?? 0) + 1);
  let seq = 0;
  let lastDingTimestamp = 0;
  const t0 = Date.now();
  const endAt = t0 + seconds * 1000;
  const drainUntil = endAt + DRAIN_MS;

  const confirmation = (text: string) => /已记录进展|已登记到位资金/.test(text);
  /** Set by the chaos loop: the next HTTP 200 pulls the trigger, while that message's work may still run. */
  let onNextAck: (() => void) | null = null;
  const acked = () => {
    const fire = onNextAck;
    onNextAck = null;
    fire?.();
  };

  /** One WeCom AI-bot callback; the 200's passive reply, when there is one, says what the bot did. */
  const postWecom = async (
    r: Reporter,
    msgid: string,
    content: string,
  ): Promise<'confirmed' | 'refused' | null> => {
    const plain = aiBotMessage({
      msgid,
      userid: r.account,
      content: `@赛马助手 ${content}`,
      chatid: `wrk-soak-${r.unit}`,
      responseUrl: `${wecom.base}/cgi-bin/aibot/response?response_code=${msgid}`,
    });
    const req = wecomRequest(plain);
    const res = await fetch(`${base}/webhook/wecom?${req.query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ encrypt: req.encrypted }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    count(`wecom ${res.status}`);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    acked();
    if (!text) return null;
    const reply = openPassiveReply(JSON.parse(text));
    return confirmation(reply.stream.content) ? 'confirmed' : 'refused';
  };

  /** One DingTalk HTTP callback; a retry is the same message with the same timestamp and sign. */
  const postDingtalk = async (r: Reporter, msgId: string, content: string, timestamp: string) => {
    const body = robotMessage({
      msgId,
      staffId: r.account,
      content,
      conversationId: `cid-soak-${r.unit}`,
      sessionWebhook: `${dingtalk.base}/robot/sendBySession?session=${msgId}`,
    });
    const res = await fetch(`${base}/webhook/dingtalk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', timestamp, sign: dingtalkSign(timestamp, APP_SECRET) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    count(`dingtalk ${res.status}`);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    acked();
    await res.arrayBuffer();
    return null;
  };

  const sendOne = async (r: Reporter) => {
    const n = ++seq;
    const marker = `K${runTag}-${String(n).padStart(6, '0')}`;
    const platform: Attempted['platform'] = rnd() < 0.5 ? 'wecom' : 'dingtalk';
    const content =
      n % 2 === 0
        ? `进度 ${r.projectId} 现场推进${marker}`
        : `到位资金 ${r.projectId} ${(n % 997) + 1}万 凭证${marker}`;
    const id = `${platform === 'wecom' ? 'wx' : 'dt'}-${marker}`;
    const m: Attempted = { marker, platform, attempts: 0, ackMs: null, deliveredMs: null, answer: null };
    messages.push(m);
    const first = Date.now();
    // each DingTalk message gets its own (timestamp, sign) pair, as two real callbacks would
    lastDingTimestamp = Math.max(Date.now(), lastDingTimestamp + 1);
    const timestamp = String(lastDingTimestamp);
    for (let attempt = 0; attempt < MAX_ATTEMPTS && Date.now() < drainUntil; attempt++) {
      m.attempts++;
      const t = performance.now();
      try {
        m.answer =
          platform === 'wecom'
            ? await postWecom(r, id, content)
            : await postDingtalk(r, id, content, timestamp);
        m.ackMs = performance.now() - t;
        m.deliveredMs = Date.now() - first;
        return;
      } catch (e) {
        if ((e as Error).name === 'TimeoutError') count(`${platform} timeout`);
        else if (!/^HTTP/.test((e as Error).message)) count(`${platform} connection error`);
        await sleep(Math.min(5_000, 500 * 2 ** attempt));
      }
    }
  };

  const reporterLoop = async (r: Reporter) => {
    await sleep(rnd() * thinkHi * 1000);
    while (Date.now() < endAt) {
      await sendOne(r);
      await sleep((thinkLo + rnd() * (thinkHi - thinkLo)) * 1000);
    }
  };

  // ── chaos: kill -9 at random moments, restart at once ─────────────────
  const kills: Array<{ at: number; downMs: number }> = [];
  let chaosError: Error | null = null;
  const chaos = (async () => {
    while (kills.length < maxKills) {
      const wait = (killLo + rnd() * (killHi - killLo)) * 1000;
      if (Date.now() + wait >= endAt) break;
      await sleep(wait);
      // the random moment, moved to just after the next acknowledgement: the instant a lost ack would need
      await Promise.race([new Promise<void>((r) => (onNextAck = r)), sleep(2_000)]);
      onNextAck = null;
      const victim = server as ChildProcess;
      const at = Date.now();
      victim.kill('SIGKILL');
      await exited(victim);
      try {
        server = await start();
      } catch (e) {
        chaosError = e as Error;
        return;
      }
      kills.push({ at: at - t0, downMs: Date.now() - at });
    }
  })();

  await Promise.all([...reporters.map(reporterLoop), chaos]);
  const sendingDone = Date.now();
  // answers that were late for the passive reply come by response_url or sessionWebhook
  await sleep(3_000);
  const current = server as ChildProcess;
  current.kill('SIGTERM');
  await exited(current);
  await wecom.close();
  await dingtalk.close();
  if (chaosError) {
    say(`服务器在 kill -9 后无法重新启动：${(chaosError as Error).message}`);
    return 2;
  }

  // late answers: WeCom response_url posts and DingTalk sessionWebhook replies, by message id
  const late = new Map<string, string>();
  for (const r of wecom.responses) {
    late.set(r.code, (r.body as { markdown?: { content?: string } }).markdown?.content ?? '');
  }
  for (const s of dingtalk.sent)
    if (s.via === 'session') late.set(s.target, `${late.get(s.target) ?? ''}${s.text}`);
  for (const m of messages) {
    if (m.answer !== null) continue;
    const text = late.get(`${m.platform === 'wecom' ? 'wx' : 'dt'}-${m.marker}`);
    if (text !== undefined) m.answer = confirmation(text) ? 'confirmed' : 'refused';
  }

  // ── what the data directory holds ──────────────────────────────────────
  const store = await Store.open(new FilePersistence(dataDir));
  const texts: string[] = [];
  for (const p of store.projects()) {
    for (const note of p.notes) texts.push(note.text);
    for (const i of p.instalments) if (i.evidence) texts.push(i.evidence);
  }
  await store.close();
  const result = tally(messages, countMarkers(texts, markerPattern));

  // ── inside the server: event-loop blocks and memory ─────────────────────
  const probes: ProbeLine[] = existsSync(probeFile)
    ? readFileSync(probeFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ProbeLine)
    : [];
  const serving = probes.filter((p) => p.from >= (startedAt.get(p.pid) ?? Number.POSITIVE_INFINITY));
  const startup = probes.filter((p) => !serving.includes(p));
  const maxOf = (xs: ProbeLine[], f: (p: ProbeLine) => number) => xs.reduce((a, p) => Math.max(a, f(p)), 0);
  const servingDelays = serving.map((p) => p.maxMs);

  const ms = (x: number | null) => (x === null ? '—' : `${Math.round(x)} ms`);
  const n = (x: number) => x.toLocaleString('en-US');
  const byPlatform = (p: Attempted['platform']) => messages.filter((m) => m.platform === p).length;
  const elapsed = (endAt - t0) / 1000;
  const drained = (sendingDone - endAt) / 1000;
  say('');
  say(
    `报送 ${elapsed.toFixed(0)} 秒（之后 ${drained.toFixed(0)} 秒等重发收尾），${reporterCount} 个成员（企业微信智能机器人加密回调 + 钉钉 HTTP 加签回调），127.0.0.1`,
  );
  say(
    `kill -9：${kills.length} 次（${kills.map((k) => `${(k.at / 1000).toFixed(1)} 秒`).join('、') || '无'}），` +
      `每次重启到可用最长 ${ms(Math.max(0, ...kills.map((k) => k.downMs)))}`,
  );
  say(
    `messages sent            ${n(result.sent)}（企业微信 ${n(byPlatform('wecom'))} / 钉钉 ${n(byPlatform('dingtalk'))}），` +
      `请求 ${n(result.attempts)} 次（重发 ${n(result.attempts - result.sent)}），约 ${(result.sent / elapsed).toFixed(0)} 条/秒`,
  );
  say(`acknowledged (HTTP 200)  ${n(result.acknowledged)}`);
  say(`stored once              ${n(result.storedOnce)}`);
  say(
    `lost                     ${n(result.lost)}（确认了却没存下，必须为 0）${result.lostMarkers.slice(0, 5).join(' ')}`,
  );
  say(
    `doubled                  ${n(result.doubled)}（存了不止一次，必须为 0）${result.doubledMarkers.slice(0, 5).join(' ')}`,
  );
  say(`refused with an answer   ${n(result.refused)}（回复了拒绝、没有保存，成员看得到）`);
  say(
    `never acknowledged       ${n(result.neverAcknowledged)}（其中已保存 ${n(result.neverAcknowledgedButStored)}；平台会继续重发）`,
  );
  say(`ack latency p50 / p99    ${ms(result.ackP50)} / ${ms(result.ackP99)}（得到 200 的那次请求）`);
  say(
    `delivery p50 / p99       ${ms(result.deliveredP50)} / ${ms(result.deliveredP99)}（从第一次发送到 200，含重发）`,
  );
  say(
    `longest event-loop block ${ms(maxOf(serving, (p) => p.maxMs))} 服务期间（每秒最大值的 p99 ${ms(percentile(servingDelays, 99))}）；` +
      `启动期间 ${ms(maxOf(startup, (p) => p.maxMs))}`,
  );
  say(`peak RSS                 ${maxOf(probes, (p) => p.maxRssMb)} MB（服务器进程）`);
  say(`HTTP                     ${[...statusCounts].map(([k, v]) => `${k}: ${n(v)}`).join('，')}`);
  const verdict = result.lost === 0 && result.doubled === 0;
  say(verdict ? '结论：0 丢失，0 重复。' : '结论：有确认后丢失或重复登记的报送，见上。');
  if (!verdict) say(`服务器日志末尾：\n${logTail.slice(-1500)}`);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else say(`数据目录保留在 ${dataDir}（${readdirSync(dataDir).join('、')}）`);
  return verdict ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`soak 中止：${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
