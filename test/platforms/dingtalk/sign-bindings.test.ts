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
    // an hour later neither pair verifies any more, so neither needs remembering
    expect(bindings.claim(String(t + SKEW_PAST_MS), 'sign-c', 'msg-3', t + SKEW_PAST_MS + 2)).toBe(true);
    expect(bindings.size).toBe(1);
  });
});
