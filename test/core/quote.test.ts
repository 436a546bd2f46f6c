import { describe, expect, it } from 'vitest';
import { resolveQuote } from '../../src/core/quote.ts';

const card = '项目卡片：P2023-002 光伏组件项目\n阶段：已签约未开工';

describe('a quoted reply names the project its quote shows', () => {
  it('turns 这个项目, 该项目 and a bare 这个 into the quoted 编号', () => {
    expect(resolveQuote('这个项目进展如何', card)).toMatch(/^\s*P2023-002\s*进展如何$/);
    expect(resolveQuote('进度 该项目 已完成土地摘牌', card)).toMatch(/^进度\s+P2023-002\s+已完成土地摘牌$/);
    expect(resolveQuote('这个进展怎么样', card)).toMatch(/^\s*P2023-002\s*进展怎么样$/);
  });

  it('leaves 这个月 and other nouns alone, and changes only the first reference', () => {
    expect(resolveQuote('进度 P2023-002 这个月完成厂房封顶', card)).toBe('进度 P2023-002 这个月完成厂房封顶');
    expect(resolveQuote('进度 这个项目 这个项目的土地已摘牌', card)).toMatch(
      /^进度\s+P2023-002\s+这个项目的土地已摘牌$/,
    );
  });

  it('changes nothing when the ledger names that 编号 otherwise: a card of another district, or of a project since renamed', () => {
    const names: Record<string, string> = { 'P2023-002': '光伏组件项目' };
    const nameOf = (id: string) => names[id] ?? null;
    expect(resolveQuote('这个项目进展如何', card, nameOf)).toMatch(/^\s*P2023-002\s*进展如何$/);
    names['P2023-002'] = '高新芯片项目';
    expect(resolveQuote('这个项目进展如何', card, nameOf)).toBe('这个项目进展如何');
    expect(resolveQuote('这个项目进展如何', card, () => null)).toBe('这个项目进展如何');
    // this ledger's 光伏 is not the card's 光伏组件项目
    names['P2023-002'] = '光伏';
    expect(resolveQuote('这个项目进展如何', card, nameOf)).toBe('这个项目进展如何');
    names['P2023-002'] = '光伏组件项目';
    expect(
      resolveQuote('这个项目进展如何', '已登记签约：P2023-002 光伏组件项目（新建项目）', nameOf),
    ).toMatch(/P2023-002/);
  });

  it('changes nothing without a quote, or when the quote names several projects or none', () => {
    expect(resolveQuote('这个项目进展如何', undefined)).toBe('这个项目进展如何');
    expect(resolveQuote('这个项目进展如何', '签约未开工：P2023-001、P2023-002')).toBe('这个项目进展如何');
    expect(resolveQuote('这个项目进展如何', '本月晾晒')).toBe('这个项目进展如何');
  });
});
