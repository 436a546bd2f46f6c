import type { AxiosInstance } from 'axios';
import type { SendOutcome } from '../../push/channels.ts';

// https://developer.work.weixin.qq.com/document/path/101138 (response_url: valid for an hour, usable once)
export const RESPONSE_URL_TTL_MS = 60 * 60_000;

/** Only WeCom's own host may receive an answer: a response_url elsewhere is refused. */
export function ownsResponseUrl(apiBase: string, url: string): boolean {
  return url.startsWith(`${apiBase}/`);
}

/**
 * Answers a message late through its response_url. Any refusal is permanent for this url (it can be
 * used once and does not get better); the outbox then answers through the group robot instead.
 */
export async function postToResponseUrl(
  deps: { http: AxiosInstance; apiBase: string },
  url: string,
  content: string,
): Promise<SendOutcome> {
  if (!ownsResponseUrl(deps.apiBase, url))
    return { ok: false, error: 'response_url is not on the WeCom host', permanent: true };
  try {
    const res = await deps.http.post(
      url,
      { msgtype: 'markdown', markdown: { content } },
      { timeout: 10_000, validateStatus: () => true },
    );
    if (res.status >= 500) return { ok: false, error: `HTTP ${res.status}`, permanent: false };
    const errcode = Number(
      (res.data as { errcode?: number } | undefined)?.errcode ?? (res.status === 200 ? 0 : -1),
    );
    if (res.status === 200 && errcode === 0) return { ok: true };
    return { ok: false, error: `response_url HTTP ${res.status} errcode ${errcode}`, permanent: true };
  } catch (e) {
    return { ok: false, error: (e as Error).message, permanent: false };
  }
}
