import { createHash } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/reply.ts';
import type { DeliveryStatus } from '../../delivery/delivery-status.ts';
import { type Attempt, PacedDelivery } from '../../delivery/paced-delivery.ts';
import { dingtalkTitle, renderDingtalkMarkdown } from '../../render/dingtalk-markdown.ts';
import { splitByBytes } from '../../render/split-bytes.ts';
import { customRobotUrl } from './sign.ts';

// msgParam ≤ 15000 bytes (robot OpenAPI), body ≤ 20000 bytes (custom robot): keep each text well under both.
export const DINGTALK_TEXT_LIMIT = 14_000;
/** Custom robot: 20 a minute, then a 10-minute throttle. */
const THROTTLED = 130101;
/** Custom robot errcodes that retrying cannot fix: bad token, bad sign / keyword / IP, robot disabled. */
const PERMANENT = new Set([300001, 300005, 310000, 400101, 410100]);

export interface Markdown {
  title: string;
  text: string;
}

export interface CustomRobot {
  accessToken: string;
  secret: string;
}

/** The robot OpenAPI's limit on `msgParam`, the JSON string that is sent, escapes included. */
export const DINGTALK_MSG_PARAM_LIMIT = 15_000;

/** Bytes a piece of text takes inside a JSON string: quotes, backslashes and newlines are escaped. */
const jsonBytes = (s: string) => Buffer.byteLength(JSON.stringify(s), 'utf8') - 2;

export function markdownParts(reply: Reply): Markdown[] {
  const title = dingtalkTitle(reply);
  // measured as msgParam is sent, JSON.stringify({ title, text }): the title and the quoting take their share
  const room = DINGTALK_MSG_PARAM_LIMIT - Buffer.byteLength(JSON.stringify({ title, text: '' }), 'utf8');
  return splitByBytes(renderDingtalkMarkdown(reply), Math.min(room, DINGTALK_TEXT_LIMIT), jsonBytes).map(
    (text) => ({ title, text }),
  );
}

/** DingTalk robots cannot upload pictures: they are sent as a link the bot serves itself. */
export function imageMarkdown(title: string, url: string, caption = ''): Markdown {
  return { title, text: `#### ${title}\n\n![${title}](${url})${caption ? `\n\n${caption}` : ''}` };
}

function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 8);
}

interface Deps {
  apiBase: string;
  oapiBase: string;
  appKey: string | null;
  appSecret: string | null;
  robotCode: string | null;
  http: AxiosInstance;
  logger: Logger;
  status: DeliveryStatus;
  /** Custom robots configured per conversation (for groups without the app robot). */
  customRobotFor: (conversationId: string) => CustomRobot | null;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  maxAttempts?: number;
  /** Told of every send attempt as the rate window admits it (for metrics and tests). */
  onAttempt?: (robot: string, at: number) => void;
}

type Outcome = Attempt;

/**
 * Everything saima sends to DingTalk: replies to a conversation's sessionWebhook, and group pushes
 * through the robot OpenAPI (app access token cached until it expires) or a custom robot with 加签.
 * One ordered queue and a 20-per-minute window per destination.
 */
export class DingtalkSender {
  private token: { value: string; expiresAt: number } | null = null;
  private tokenBroken = false;
  private readonly paced: PacedDelivery;
  private readonly now: () => number;

  constructor(private readonly deps: Deps) {
    this.paced = new PacedDelivery({ platform: 'dingtalk', ...deps });
    this.now = this.paced.now;
  }

  /** Only DingTalk's own host may receive a reply: a sessionWebhook elsewhere is refused. */
  ownsSessionWebhook(url: string): boolean {
    return url.startsWith(`${this.deps.oapiBase}/`);
  }

  /** The rate window a reply through `session`, or a push to the conversation, would go through. */
  capacity(target: { session: string } | { conversationId: string }): { waitMs: number; free: number } {
    if ('session' in target) return this.paced.capacity(`session:${target.session}`);
    const custom = this.deps.customRobotFor(target.conversationId);
    return this.paced.capacity(
      custom ? `custom:${custom.accessToken}` : `openapi:${this.deps.robotCode ?? this.deps.appKey}`,
    );
  }

  /** Answers in the conversation through its sessionWebhook (valid about 90 minutes). */
  replyInSession(
    sessionWebhook: string,
    parts: Markdown[],
  ): Promise<{ delivered: number; failed: string | null }> {
    if (!this.ownsSessionWebhook(sessionWebhook)) {
      this.deps.logger.warn('dingtalk_session_webhook_refused', {});
      return Promise.resolve({ delivered: 0, failed: 'sessionWebhook is not on the DingTalk host' });
    }
    const queue = `session:${sessionWebhook}`;
    return this.paced.sendInOrder({ queue, robot: queue, name: 'dingtalk:session' }, parts, (part) =>
      this.postRobot(sessionWebhook, part),
    );
  }

  /** Whether a push to this group can @ someone: only a custom robot can (`at.atUserIds`). */
  canMention(conversationId: string): boolean {
    return this.deps.customRobotFor(conversationId) !== null;
  }

  /** Pushes to a group: its custom robot when one is configured, else the app robot's OpenAPI. */
  pushToGroup(
    conversationId: string,
    parts: Markdown[],
    options: { atUserIds?: string[] } = {},
  ): Promise<{ delivered: number; failed: string | null }> {
    const custom = this.deps.customRobotFor(conversationId);
    if (custom) {
      const queue = `custom:${custom.accessToken}`;
      return this.paced.sendInOrder(
        { queue, robot: queue, name: `dingtalk-robot:${fingerprint(custom.accessToken)}` },
        parts,
        (part) =>
          this.postRobot(
            customRobotUrl(this.deps.oapiBase, custom.accessToken, custom.secret, this.now()),
            part,
            options.atUserIds,
          ),
      );
    }
    // one app robot serves every group: its 20 a minute are shared
    const robot = `openapi:${this.deps.robotCode ?? this.deps.appKey}`;
    return this.paced.sendInOrder(
      { queue: `openapi:${conversationId}`, robot, name: `dingtalk:${conversationId}` },
      parts,
      (part) => this.postOpenApi(conversationId, part),
    );
  }

  private async postRobot(url: string, part: Markdown, atUserIds?: string[]): Promise<Outcome> {
    try {
      const res = await this.deps.http.post(
        url,
        // https://open.dingtalk.com/document/robots/custom-robot-access: the text must also carry @userId
        { msgtype: 'markdown', markdown: part, ...(atUserIds?.length ? { at: { atUserIds } } : {}) },
        {
          timeout: 10_000,
          validateStatus: () => true,
        },
      );
      if (res.status !== 200) return { ok: false, error: `HTTP ${res.status}`, permanent: res.status < 500 };
      const errcode = Number((res.data as { errcode?: number })?.errcode ?? 0);
      if (errcode === 0) return { ok: true };
      const error = `errcode ${errcode}`;
      if (errcode === THROTTLED) return { ok: false, error, permanent: false, retryAfterMs: 60_000 };
      return { ok: false, error, permanent: PERMANENT.has(errcode) };
    } catch (e) {
      return { ok: false, error: (e as Error).message, permanent: false };
    }
  }

  private async accessToken(force = false): Promise<string | null> {
    const { appKey, appSecret, apiBase, http, logger } = this.deps;
    if (!appKey || !appSecret || this.tokenBroken) return null;
    if (!force && this.token && this.token.expiresAt > this.now()) return this.token.value;
    const res = await http.post(
      `${apiBase}/v1.0/oauth2/accessToken`,
      { appKey, appSecret },
      { timeout: 10_000, validateStatus: () => true },
    );
    const data = res.data as { accessToken?: string; expireIn?: number };
    if (res.status === 200 && data.accessToken) {
      // refresh five minutes early so a send never carries a token that expires in flight
      this.token = {
        value: data.accessToken,
        expiresAt: this.now() + ((data.expireIn ?? 7200) - 300) * 1000,
      };
      return this.token.value;
    }
    if (res.status >= 400 && res.status < 500) {
      this.tokenBroken = true;
      logger.error('dingtalk_token_refused', {
        status: res.status,
        hint: '钉钉 AppKey/AppSecret 无效或应用已停用，群推送已停止',
      });
    }
    return null;
  }

  private async postOpenApi(conversationId: string, part: Markdown, retried = false): Promise<Outcome> {
    const { apiBase, robotCode, appKey, http } = this.deps;
    let token: string | null;
    try {
      token = await this.accessToken(retried);
    } catch (e) {
      return { ok: false, error: (e as Error).message, permanent: false };
    }
    if (!token)
      return {
        ok: false,
        error: 'no DingTalk access token (AppKey/AppSecret missing or refused)',
        permanent: true,
      };
    try {
      const res = await http.post(
        `${apiBase}/v1.0/robot/groupMessages/send`,
        {
          robotCode: robotCode ?? appKey,
          openConversationId: conversationId,
          msgKey: 'sampleMarkdown',
          msgParam: JSON.stringify(part),
        },
        { headers: { 'x-acs-dingtalk-access-token': token }, timeout: 10_000, validateStatus: () => true },
      );
      if (res.status === 200) return { ok: true };
      const code = String((res.data as { code?: string })?.code ?? res.status);
      if ((res.status === 401 || /token/i.test(code)) && !retried)
        return this.postOpenApi(conversationId, part, true);
      if (res.status === 429 || /throttl/i.test(code))
        return { ok: false, error: code, permanent: false, retryAfterMs: 60_000 };
      return { ok: false, error: `HTTP ${res.status} ${code}`, permanent: res.status < 500 };
    } catch (e) {
      return { ok: false, error: (e as Error).message, permanent: false };
    }
  }
}
