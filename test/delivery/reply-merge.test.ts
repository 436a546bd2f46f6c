import { describe, expect, it } from 'vitest';
import { mergeConfirmations } from '../../src/delivery/reply-merge.ts';
import { renderDingtalkMarkdown } from '../../src/render/dingtalk-markdown.ts';
import { renderWecomMarkdown } from '../../src/render/wecom-markdown.ts';

const lines = Array.from(
  { length: 300 },
  (_, i) => `李四：登记签约 P2026-${String(i + 1).padStart(3, '0')} 年产30万吨再生铝深加工项目（正式合同）`,
);

describe('merging confirmations that piled up for one chat', () => {
  it('splits 300 confirmations at WeCom’s 4096 bytes, each message complete and every line once, in order', () => {
    const parts = mergeConfirmations(lines, renderWecomMarkdown, 4096);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.length).toBeLessThan(15);
    for (const part of parts) {
      expect(Buffer.byteLength(part.body)).toBeLessThanOrEqual(4096);
      expect(part.body.startsWith(`**✅ 以下 ${part.confirmations.length} 条登记已保存：**`)).toBe(true);
      for (const line of part.confirmations) expect(part.body).toContain(line);
    }
    expect(parts.flatMap((p) => p.confirmations)).toEqual(lines);
  });

  it('needs fewer DingTalk messages for the same confirmations (14,000 bytes each)', () => {
    const dingtalk = mergeConfirmations(lines, renderDingtalkMarkdown, 14_000);
    expect(dingtalk.length).toBeLessThan(mergeConfirmations(lines, renderWecomMarkdown, 4096).length);
    expect(dingtalk[0]?.title).toBe(`以下 ${dingtalk[0]?.confirmations.length} 条登记已保存：`);
  });
});
