import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/reply.ts';
import { DINGTALK_MSG_PARAM_LIMIT, markdownParts } from '../../../src/platforms/dingtalk/markdown.ts';

describe('DingTalk markdown parts', () => {
  it('keeps every msgParam under 15,000 bytes as the JSON string that is sent, for a reply of quotes and line breaks', () => {
    const reply: Reply = {
      tone: 'info',
      title: '进展"摘录"',
      // a pasted progress note: short lines, mostly quotes and backslashes, which JSON escapes to two bytes
      lines: Array.from({ length: 3000 }, (_, i) => `${i}"\\"""\\`),
    };
    const parts = markdownParts(reply);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      // the robot OpenAPI sends msgParam: JSON.stringify({ title, text })
      expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThanOrEqual(DINGTALK_MSG_PARAM_LIMIT);
    }
    const numbers = parts.flatMap((p) => [...p.text.matchAll(/^(\d+)"/gm)].map((m) => Number(m[1])));
    expect(numbers).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });
});
