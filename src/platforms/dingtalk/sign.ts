import { createHmac, timingSafeEqual } from 'node:crypto';

// https://open.dingtalk.com/document/orgapp/receive-message (HTTP 回调验签)
// https://open.dingtalk.com/document/robots/customize-robot-security-settings (自定义机器人加签)

/** base64(HMAC-SHA256(key = secret, msg = timestamp + "\n" + secret)): the callback sign and the custom-robot sign. */
export function dingtalkSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** DingTalk refuses a callback more than an hour old; the same hour is allowed behind us. */
export const SKEW_PAST_MS = 3_600_000;
/** Nothing legitimate is stamped ahead of our clock by more than drift: a minute is plenty. */
export const SKEW_FUTURE_MS = 60_000;

export type SignFailure = 'missing' | 'bad-timestamp' | 'skewed' | 'bad-sign';

/** Checks the `timestamp` and `sign` headers of an HTTP callback; the body is not covered, so it is not read. */
export function verifyCallback(
  headers: { timestamp?: string | null; sign?: string | null },
  appSecret: string,
  now: number,
): SignFailure | null {
  const { timestamp, sign } = headers;
  if (!timestamp || !sign) return 'missing';
  if (!/^\d{13}$/.test(timestamp)) return 'bad-timestamp';
  const age = now - Number(timestamp);
  if (age > SKEW_PAST_MS || -age > SKEW_FUTURE_MS) return 'skewed';
  const expected = Buffer.from(dingtalkSign(timestamp, appSecret), 'utf8');
  const actual = Buffer.from(sign, 'utf8');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'bad-sign';
  return null;
}

/** The signed URL of a custom robot (自定义机器人), with a fresh timestamp. */
export function customRobotUrl(
  oapiBase: string,
  accessToken: string,
  secret: string,
  timestampMs: number,
): string {
  const timestamp = String(timestampMs);
  return `${oapiBase}/robot/send?access_token=${encodeURIComponent(accessToken)}&timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(timestamp, secret))}`;
}
