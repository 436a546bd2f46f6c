import { describe, expect, it } from 'vitest';
import { SKEW_PAST_MS } from '../../../src/platforms/dingtalk/sign.ts';
import { SignBindings } from '../../../src/platforms/dingtalk/sign-bindings.ts';

describe('SignBindings', () => {
  it('binds a pair to its first msgId for as long as the pair verifies, then forgets it', () => {
    const bindings = new SignBindings();
    const t = 1_718_000_000_000;
    expect(bindings.claim(String(t), 'sign-a', 'msg-1', t)).toBe(true);
    expect(bindings.claim(String(t), 'sign-a', 'msg-1', t + 1000)).toBe(true);
    expect(bindings.claim(String(t), 'sign-a', 'msg-2', t + SKEW_PAST_MS)).toBe(false);
    expect(bindings.claim(String(t + 1), 'sign-b', 'msg-2', t + 1000)).toBe(true);
    expect(bindings.size).toBe(2);
    // once neither pair verifies any more, neither is remembered (swept at most a minute later)
    const later = t + SKEW_PAST_MS + 2 * 60_000;
    expect(bindings.claim(String(later - 1000), 'sign-c', 'msg-3', later)).toBe(true);
    expect(bindings.size).toBe(1);
  });
});
