import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  customRobotUrl,
  dingtalkSign,
  SKEW_FUTURE_MS,
  verifyCallback,
} from '../../../src/platforms/dingtalk/sign.ts';

const vectors = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'dingtalk-sign-vectors.json'), 'utf8'),
);

interface CallbackVector {
  id: string;
  timestamp: string;
  appSecret: string;
  expectedSignHeader: string;
}
interface RobotVector {
  id: string;
  timestamp: string;
  secret: string;
  accessToken: string;
  expectedUrl: string;
}
interface WindowCase {
  timestampHeader: string;
  note: string;
  accept: boolean;
}
const callbackVectors = vectors.callbackSignVectors as CallbackVector[];
const robotVectors = vectors.customRobotSignVectors as RobotVector[];
const windowCases = vectors.timestampWindowVectors.cases as WindowCase[];

describe('DingTalk signatures against the vectors', () => {
  it.each(callbackVectors.map((v) => [v.id, v] as const))('callback %s', (_id, v) => {
    expect(dingtalkSign(v.timestamp, v.appSecret)).toBe(v.expectedSignHeader);
    expect(
      verifyCallback(
        { timestamp: v.timestamp, sign: v.expectedSignHeader },
        v.appSecret,
        Number(v.timestamp),
      ),
    ).toBeNull();
  });

  it.each(robotVectors.map((v) => [v.id, v] as const))('custom robot %s', (_id, v) => {
    expect(customRobotUrl('https://oapi.dingtalk.com', v.accessToken, v.secret, Number(v.timestamp))).toBe(
      v.expectedUrl,
    );
  });

  // DingTalk allows an hour either way; we keep the hour behind us and narrow the future to a minute
  it.each(windowCases.map((c) => [c.note, c] as const))('timestamp window: %s', (_note, c) => {
    const secret = 'this is a secret';
    const now = vectors.timestampWindowVectors.now as number;
    const sign = c.timestampHeader ? dingtalkSign(c.timestampHeader, secret) : 'x';
    const result = verifyCallback({ timestamp: c.timestampHeader, sign }, secret, now);
    const aheadOfUs = Number(c.timestampHeader) - now;
    expect(result === null).toBe(c.accept && aheadOfUs <= SKEW_FUTURE_MS);
  });

  it('accepts a timestamp up to a minute ahead of our clock and refuses one a millisecond further', () => {
    const secret = 'this is a secret';
    const now = 1_718_000_000_000;
    const at = (ms: number) => {
      const ts = String(now + ms);
      return verifyCallback({ timestamp: ts, sign: dingtalkSign(ts, secret) }, secret, now);
    };
    expect(at(60_000)).toBeNull();
    expect(at(60_001)).toBe('skewed');
    expect(at(-3_600_000)).toBeNull();
    expect(at(-3_600_001)).toBe('skewed');
  });

  it('refuses a sign made with another secret or for another timestamp', () => {
    const ts = '1577262236757';
    const now = Number(ts);
    expect(
      verifyCallback({ timestamp: ts, sign: dingtalkSign(ts, 'this is secret') }, 'this is a secret', now),
    ).toBe('bad-sign');
    expect(
      verifyCallback(
        { timestamp: ts, sign: dingtalkSign('1577262236758', 'this is a secret') },
        'this is a secret',
        now,
      ),
    ).toBe('bad-sign');
    expect(verifyCallback({ timestamp: ts, sign: null }, 'this is a secret', now)).toBe('missing');
  });
});
