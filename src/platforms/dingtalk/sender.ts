import { createHash } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { Logger } from '../../core/logger.ts';
import type { DeliveryStatus } from '../../delivery/delivery-status.ts';
import { type Attempt, type Delivered, PacedDelivery } from '../../delivery/paced-delivery.ts';
import { zh } from '../../text/zh.ts';
import { type Markdown, markdownParam, robotMarkdownBody } from './markdown.ts';
import { customRobotUrl } from './sign.ts';

/** Custom robot: 20 a minute, then nothing for 10 minutes. */
const THROTTLED = 130101;
const THROTTLE_MS = 10 * 60_000;
/** Sending too fast: the robot's minute is used up. */
const TOO_FAST = 660026;
const TOO_FAST_MS = 60_000;
/** Custom robot errcodes that retrying cannot fix: bad token, bad sign / keyword / IP, robot disabled. */
const PERMANENT = new Set([300001, 300005, 310000, 400101, 410100]);
/**
 * The new OpenAPI's answers to a token it does not accept (HTTP 400 `InvalidAuthentication`,
 * 「不合法的access_token」; 401 elsewhere): the cached token is refreshed once.
 */
const INVALID_TOKEN = /^InvalidAuthentication$|token/i;
/** The old oapi host's errcodes for the same: 40014 不合法的access_token, 42001 access_token 超时. */
const OAPI_INVALID_TOKEN = new Set([40014, 42001]);

export interface CustomRobot {
  accessToken: string;
  secret: string;
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
  replyInSession(sessionWebhook: string, parts: Markdown[]): Promise<Delivered> {
    if (!this.ownsSessionWebhook(sessionWebhook)) {
      this.deps.logger.warn('dingtalk_session_webhook_refused', {});
      return Promise.resolve({ delivered: 0, failed: 'sessionWebhook is not on the DingTalk host' });
    }
    const queue = `session:${sessionWebhook}`;
    return this.paced.sendInOrder(
      { queue, robot: queue, name: 'dingtalk:session', onHold: 'return' },
      parts,
      (part) => this.postRobot(sessionWebhook, part),
    );
  }

  /** Whether pushes to this group go through a custom robot (which can @ but cannot upload pictures). */
  hasCustomRobot(conversationId: string): boolean {
    return this.deps.customRobotFor(conversationId) !== null;
  }

  /**
   * Pushes to a group: its custom robot when one is configured, else the app robot's OpenAPI. A
   * throttled robot ends the call with `retryAfterMs`: the durable outbox holds the part until then.
   */
  pushToGroup(conversationId: string, parts: Markdown[]): Promise<Delivered> {
    const custom = this.deps.customRobotFor(conversationId);
    if (custom) {
      const queue = `custom:${custom.accessToken}`;
      return this.paced.sendInOrder(
        {
          queue,
          robot: queue,
          name: `dingtalk-robot:${fingerprint(custom.accessToken)}`,
          onHold: 'return',
        },
        parts,
        (part) =>
          this.postRobot(
            customRobotUrl(this.deps.oapiBase, custom.accessToken, custom.secret, this.now()),
            part,
          ),
      );
    }
    // one app robot serves every group: its 20 a minute are shared
    const robot = `openapi:${this.deps.robotCode ?? this.deps.appKey}`;
    return this.paced.sendInOrder(
      { queue: `openapi:${conversationId}`, robot, name: `dingtalk:${conversationId}`, onHold: 'return' },
      parts,
      (part) => this.postOpenApi(conversationId, { msgKey: 'sampleMarkdown', msgParam: part }),
    );
  }

  /**
   * Sends a picture to a group without a public URL: uploaded with the app's token (oapi
   * media/upload), then sent by its media id as the OpenAPI's sampleImageMsg. Custom robots
   * cannot upload: their groups get pictures only as links (SAIMA_PUBLIC_URL).
   */
  pushImage(conversationId: string, png: Buffer): Promise<Delivered> {
    const robot = `openapi:${this.deps.robotCode ?? this.deps.appKey}`;
    return this.paced.sendInOrder(
      { queue: `openapi:${conversationId}`, robot, name: `dingtalk:${conversationId}`, onHold: 'return' },
      [png],
      async (image) => {
        const uploaded = await this.uploadImage(image);
        if ('ok' in uploaded) return uploaded;
        return this.postOpenApi(conversationId, {
          msgKey: 'sampleImageMsg',
          msgParam: { photoURL: uploaded.mediaId },
        });
      },
    );
  }

  // https://open.dingtalk.com/document/orgapp/upload-media-files (multipart, field `media`)
  private async uploadImage(png: Buffer, retried = false): Promise<{ mediaId: string } | Outcome> {
    const token = await this.tokenFor(retried);
    if (typeof token !== 'string') return token;
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'saima.png');
    try {
      const res = await this.deps.http.post(`${this.deps.oapiBase}/media/upload`, form, {
        params: { access_token: token, type: 'image' },
        timeout: 30_000,
        validateStatus: () => true,
      });
      if (res.status !== 200) return { ok: false, error: `upload HTTP ${res.status}`, permanent: false };
      const data = res.data as { errcode?: number; media_id?: string };
      const errcode = Number(data?.errcode ?? 0);
      if (errcode === 0 && data.media_id) return { mediaId: data.media_id };
      if (OAPI_INVALID_TOKEN.has(errcode) && !retried) return this.uploadImage(png, true);
      return { ok: false, error: `upload errcode ${errcode}`, permanent: errcode !== -1 };
    } catch (e) {
      return { ok: false, error: (e as Error).message, permanent: false };
    }
  }

  private async postRobot(url: string, part: Markdown): Promise<Outcome> {
    try {
      const res = await this.deps.http.post(url, robotMarkdownBody(part), {
        timeout: 10_000,
        validateStatus: () => true,
      });
      if (res.status !== 200) return { ok: false, error: `HTTP ${res.status}`, permanent: res.status < 500 };
      const errcode = Number((res.data as { errcode?: number })?.errcode ?? 0);
      if (errcode === 0) return { ok: true };
      const error = `errcode ${errcode}`;
      if (errcode === THROTTLED) return { ok: false, error, permanent: false, holdMs: THROTTLE_MS };
      if (errcode === TOO_FAST) return { ok: false, error, permanent: false, holdMs: TOO_FAST_MS };
      return { ok: false, error, permanent: PERMANENT.has(errcode) };
    } catch (e) {
      return { ok: false, error: (e as Error).message, permanent: false };
    }
  }

  /** The app's token, or the outcome of a send that cannot have one. */
  private async tokenFor(force: boolean): Promise<string | Outcome> {
    try {
      const token = await this.accessToken(force);
      if (token) return token;
      return {
        ok: false,
        error: 'no DingTalk access token (AppKey/AppSecret missing or refused)',
        permanent: true,
      };
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
        hint: zh.dingtalkAppInvalid,
      });
    }
    return null;
  }

  private async postOpenApi(
    conversationId: string,
    message: { msgKey: string; msgParam: object },
    retried = false,
  ): Promise<Outcome> {
    const { apiBase, robotCode, appKey, http } = this.deps;
    const token = await this.tokenFor(retried);
    if (typeof token !== 'string') return token;
    try {
      const res = await http.post(
        `${apiBase}/v1.0/robot/groupMessages/send`,
        {
          robotCode: robotCode ?? appKey,
          openConversationId: conversationId,
          msgKey: message.msgKey,
          msgParam: JSON.stringify(
            message.msgKey === 'sampleMarkdown'
              ? markdownParam(message.msgParam as Markdown)
              : message.msgParam,
          ),
        },
        { headers: { 'x-acs-dingtalk-access-token': token }, timeout: 10_000, validateStatus: () => true },
      );
      if (res.status === 200) return { ok: true };
      const code = String((res.data as { code?: string })?.code ?? res.status);
      if ((res.status === 401 || INVALID_TOKEN.test(code)) && !retried)
        return this.postOpenApi(conversationId, message, true);
      if (res.status === 429 || /throttl|qpslimit|660026/i.test(code))
        return { ok: false, error: code, permanent: false, holdMs: TOO_FAST_MS };
      return { ok: false, error: `HTTP ${res.status} ${code}`, permanent: res.status < 500 };
    } catch (e) {
      return { ok: false, error: (e as Error).message, permanent: false };
    }
  }
}
