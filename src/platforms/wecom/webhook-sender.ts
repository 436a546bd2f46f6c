import { createHash } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import type { DeliveryStatus } from '../../delivery/delivery-status.ts';
import { type Attempt, PacedDelivery } from '../../delivery/paced-delivery.ts';
import { splitByBytes } from '../../render/split-bytes.ts';
import { renderWecomMarkdown } from '../../render/wecom-markdown.ts';

// https://developer.work.weixin.qq.com/document/path/99110 (消息推送配置说明)
export const WECOM_MARKDOWN_LIMIT = 4096;
const IMAGE_LIMIT = 2 * 1024 * 1024;
/** errcodes that will not get better by retrying: bad key / robot removed, robot disabled (93004), invalid content. */
const PERMANENT = new Set([93000, 93004, 40058, 300005, 40008]);
/** The robot's 20 a minute are used up: nothing more to it for a minute. */
const RATE_LIMITED = 45009;
const RATE_WINDOW_MS = 60_000;

export type WecomPayload =
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'markdown_v2'; markdown_v2: { content: string } }
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { base64: string; md5: string } };

export interface SendResult {
  delivered: number;
  failed: string | null;
  /** Set when it stopped at a rate-limited robot: try again after this long. */
  retryAfterMs?: number;
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
  private readonly paced: PacedDelivery;

  constructor(private readonly deps: Deps) {
    this.paced = new PacedDelivery({ platform: 'wecom', ...deps });
  }

  /** The group robot's rate window: how long until it admits a send, and how many it admits now. */
  capacity(key: string): { waitMs: number; free: number } {
    return this.paced.capacity(key);
  }

  /**
   * Sends the payloads in order after anything already queued for this key. With `onHold: 'return'`
   * (the durable outbox) a rate-limited robot ends the call at once with `retryAfterMs`.
   */
  send(key: string, payloads: WecomPayload[], onHold: 'wait' | 'return' = 'wait'): Promise<SendResult> {
    return this.paced.sendInOrder(
      { queue: key, robot: key, name: keyFingerprint(key), onHold },
      payloads,
      (payload) => this.post(key, payload),
    );
  }

  private async post(key: string, payload: WecomPayload): Promise<Attempt> {
    const res = await this.deps.http.post(`${this.deps.apiBase}/cgi-bin/webhook/send`, payload, {
      params: { key },
      timeout: 10_000,
      validateStatus: () => true,
    });
    const errcode =
      res.status === 200 ? Number((res.data as { errcode?: number })?.errcode ?? -1) : -res.status;
    if (errcode === 0) return { ok: true };
    const errmsg = String((res.data as { errmsg?: string })?.errmsg ?? `HTTP ${res.status}`);
    return {
      ok: false,
      error: `errcode ${errcode}: ${errmsg.split(',')[0]}`,
      permanent: PERMANENT.has(errcode),
      ...(errcode === RATE_LIMITED ? { holdMs: RATE_WINDOW_MS } : {}),
    };
  }
}
