import type { AxiosInstance } from 'axios';
import type { SendOutcome } from '../platform.ts';

// https://developer.work.weixin.qq.com/document/path/101138 (response_url: valid for an hour, usable once)
export const RESPONSE_URL_TTL_MS = 60 * 60_000;
/** response_url and stream content, in markdown_v2 syntax (documents 101031, 101138). */
export const RESPONSE_URL_LIMIT = 20_480;

/** Only WeCom's own host may receive an answer: a response_url elsewhere is refused. */
export function ownsResponseUrl(apiBase: string, url: string): boolean {
  return url.startsWith(`${apiBase}/`);
}

/**
 * Answers a message late through its response_url. The document's only text type is `markdown`,
 * whose content follows markdown_v2 syntax. Every answer is read for its errcode: any errcode but 0,
 * or a 200 without one (not WeCom's answer), is permanent for this url (it can be used once and does
 * not get better), so the outbox answers through the group robot at once instead of waiting.
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
    // WeCom answers HTTP 200 with an errcode: a body without one is not an acceptance
    const raw = (res.data as { errcode?: unknown } | undefined)?.errcode;
    const errcode = res.status === 200 && raw !== undefined && raw !== null ? Number(raw) : Number.NaN;
    if (errcode === 0) return { ok: true };
    return {
      ok: false,
      error: `response_url HTTP ${res.status} errcode ${Number.isNaN(errcode) ? '无' : errcode}`,
      permanent: true,
    };
  } catch (e) {
    return { ok: false, error: (e as Error).message, permanent: false };
  }
}
