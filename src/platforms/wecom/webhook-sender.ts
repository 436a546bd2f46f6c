import { createHash } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import type { DeliveryStatus } from '../../delivery/delivery-status.ts';
import { RateWindow } from '../../delivery/rate-window.ts';
import { splitByBytes } from '../../render/split-bytes.ts';
import { renderWecomMarkdown } from '../../render/wecom-markdown.ts';

// https://developer.work.weixin.qq.com/document/path/99110 (消息推送配置说明)
export const WECOM_MARKDOWN_LIMIT = 4096;
const IMAGE_LIMIT = 2 * 1024 * 1024;
const PER_MINUTE = 20;
/** errcodes that will not get better by retrying: bad key / robot removed, invalid content. */
const PERMANENT = new Set([93000, 40058, 300005, 40008]);
const RATE_LIMITED = 45009;

export type WecomPayload =
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { base64: string; md5: string } };

export interface SendResult {
  delivered: number;
  failed: string | null;
}

/** A short fingerprint that names a key in logs and status without revealing it. */
export function keyFingerprint(key: string): string {
  return `wecom:${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

export function markdownParts(reply: Reply): WecomPayload[] {
  return splitByBytes(renderWecomMarkdown(reply), WECOM_MARKDOWN_LIMIT).map((content) => ({
    msgtype: 'markdown',
    markdown: { content },
  }));
}

export function imagePayload(png: Buffer): WecomPayload {
  if (png.length > IMAGE_LIMIT) throw new Error(`image is ${png.length} bytes; WeCom takes at most 2 MB`);
  return {
    msgtype: 'image',
    image: { base64: png.toString('base64'), md5: createHash('md5').update(png).digest('hex') },
  };
}

interface Deps {
  apiBase: string;
  http: AxiosInstance;
  logger: Logger;
  status: DeliveryStatus;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Attempts per message before giving up on a transient failure. */
  maxAttempts?: number;
}

/**
 * Pushes to a group through its 消息推送 robot: one queue per key, in order, 20 per minute,
 * 45009 retried with backoff, 93000 and friends recorded as permanent and never retried.
 */
export class WecomWebhookSender {
  private readonly windows = new Map<string, RateWindow>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly deps: Deps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = deps.now ?? Date.now;
  }

  /** Sends the payloads in order after anything already queued for this key. */
  send(key: string, payloads: WecomPayload[]): Promise<SendResult> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.sendAll(key, payloads));
    this.queues.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  }

  private async sendAll(key: string, payloads: WecomPayload[]): Promise<SendResult> {
    const name = keyFingerprint(key);
    let delivered = 0;
    for (const payload of payloads) {
      const error = await this.sendOne(key, name, payload);
      if (error) return { delivered, failed: error };
      delivered++;
    }
    return { delivered, failed: null };
  }

  private async sendOne(key: string, name: string, payload: WecomPayload): Promise<string | null> {
    const { status, logger } = this.deps;
    if (status.isDead(name)) return 'destination is disabled after a permanent error';
    let window = this.windows.get(key);
    if (!window) {
      window = new RateWindow(PER_MINUTE, 60_000);
      this.windows.set(key, window);
    }
    const maxAttempts = this.deps.maxAttempts ?? 6;
    for (let attempt = 1; ; attempt++) {
      // re-check after every sleep: other queues may have taken the free places meanwhile
      for (let wait = window.waitMs(this.now()); wait > 0; wait = window.waitMs(this.now()))
        await this.sleep(wait);
      window.record(this.now());
      let errcode: number;
      let errmsg = '';
      try {
        const res = await this.deps.http.post(`${this.deps.apiBase}/cgi-bin/webhook/send`, payload, {
          params: { key },
          timeout: 10_000,
          validateStatus: () => true,
        });
        errcode =
          res.status === 200 ? Number((res.data as { errcode?: number })?.errcode ?? -1) : -res.status;
        errmsg = String((res.data as { errmsg?: string })?.errmsg ?? `HTTP ${res.status}`);
      } catch (e) {
        errcode = -1;
        errmsg = (e as Error).message;
      }
      if (errcode === 0) {
        status.sent(name, new Date(this.now()));
        return null;
      }
      const permanent = PERMANENT.has(errcode);
      const error = `errcode ${errcode}: ${errmsg.split(',')[0]}`;
      if (permanent || attempt >= maxAttempts) {
        status.failed(name, error, new Date(this.now()), permanent);
        logger.error('wecom_push_failed', { destination: name, errcode, permanent, attempt });
        return error;
      }
      const backoff = errcode === RATE_LIMITED ? 5_000 * 2 ** (attempt - 1) : 1_000 * 2 ** (attempt - 1);
      logger.warn('wecom_push_retry', { destination: name, errcode, attempt, backoffMs: backoff });
      await this.sleep(Math.min(backoff, 60_000));
    }
  }
}
