import type { AxiosInstance } from 'axios';
import type { SendOutcome } from '../platform.ts';

// https://developer.work.weixin.qq.com/document/path/90236 (应用发送消息: text content ≤ 2048 bytes)
export const APP_TEXT_LIMIT = 2_048;
/** The cached token is renewed this long before WeCom's expiry, so it never expires in flight. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
/** access_token invalid (40014) or expired (42001): fetch a new one and try once more. */
const STALE_TOKEN = new Set([40014, 42001]);
/** WeCom busy (-1), rate limited (45009, 45033): worth another try later; anything else is not. */
const TRANSIENT = new Set([-1, 45009, 45033]);

interface Deps {
  apiBase: string;
  corpId: string;
  secret: string;
  agentId: number;
  http: AxiosInstance;
  now?: () => number;
}

type Answer = { errcode?: unknown; errmsg?: unknown; access_token?: unknown; expires_in?: unknown };

/** Why a send failed, without the token, secret or WeCom's hint links. */
function failure(stage: string, status: number, data: Answer | undefined): SendOutcome {
  const errcode = status === 200 && data?.errcode !== undefined ? Number(data.errcode) : Number.NaN;
  return {
    ok: false,
    error: `${stage} ${Number.isNaN(errcode) ? `HTTP ${status}` : `errcode ${errcode}`}`,
    permanent: status < 500 && !TRANSIENT.has(errcode),
  };
}

/**
 * Sends the self-built app's answers to a member through the app's message-send API — the way an
 * answer later than the callback's 5 s still arrives (the app has no response_url). The token is
 * cached until shortly before it expires and fetched again once when WeCom says it is stale.
 */
export class WecomAppSender {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: Deps) {
    this.now = deps.now ?? Date.now;
  }

  async sendText(touser: string, content: string): Promise<SendOutcome> {
    try {
      let token = await this.accessToken(false);
      if (typeof token !== 'string') return token;
      let res = await this.post(token, touser, content);
      if (res.status === 200 && STALE_TOKEN.has(Number(res.data?.errcode))) {
        token = await this.accessToken(true);
        if (typeof token !== 'string') return token;
        res = await this.post(token, touser, content);
      }
      if (res.status === 200 && Number(res.data?.errcode) === 0) {
        // errcode 0 with the member listed as invalid: the message went nowhere
        const invalid = String((res.data as { invaliduser?: unknown })?.invaliduser ?? '');
        if (invalid) return { ok: false, error: 'message/send invaliduser', permanent: true };
        return { ok: true };
      }
      return failure('message/send', res.status, res.data);
    } catch (e) {
      // a network failure: axios's message names neither the token nor the secret
      return { ok: false, error: (e as Error).message, permanent: false };
    }
  }

  private post(token: string, touser: string, content: string) {
    return this.deps.http.post<Answer>(
      `${this.deps.apiBase}/cgi-bin/message/send`,
      { touser, msgtype: 'text', agentid: this.deps.agentId, text: { content } },
      { params: { access_token: token }, timeout: 10_000, validateStatus: () => true },
    );
  }

  private async accessToken(renew: boolean): Promise<string | SendOutcome> {
    if (!renew && this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.token = null;
    const res = await this.deps.http.get<Answer>(`${this.deps.apiBase}/cgi-bin/gettoken`, {
      params: { corpid: this.deps.corpId, corpsecret: this.deps.secret },
      timeout: 10_000,
      validateStatus: () => true,
    });
    const value = res.data?.access_token;
    if (res.status !== 200 || Number(res.data?.errcode ?? 0) !== 0 || typeof value !== 'string' || !value)
      return failure('gettoken', res.status, res.data);
    const seconds = Number(res.data?.expires_in ?? 7200);
    this.token = { value, expiresAt: this.now() + seconds * 1000 - EXPIRY_MARGIN_MS };
    return value;
  }
}
