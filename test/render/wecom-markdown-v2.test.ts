import { describe, expect, it } from 'vitest';
import { renderWecomMarkdown } from '../../src/render/wecom-markdown.ts';
import { renderWecomMarkdownV2 } from '../../src/render/wecom-markdown-v2.ts';

const ranking = {
  tone: 'info' as const,
  title: '2023年第2季度晾晒',
  lines: [{ text: '工业园区管委会 第1名', colour: 'green' as const, emphasis: true }, '说明：按完成率排名'],
  table: {
    headers: ['单位', '签约|亿'],
    rows: [
      ['工业园区管委会', '12.0'],
      ['高新区', '3.5'],
    ],
  },
  hint: '季度晾晒 2023年第2季度',
};

describe('WeCom markdown_v2 (AI bot replies)', () => {
  it('shows a colour as a coloured mark and bold, with no <font> tag', () => {
    const v2 = renderWecomMarkdownV2(ranking);
    expect(v2).toMatch(/🟢 \*\*工业园区管委会 第1名\*\*/);
    expect(v2).not.toMatch(/<font|<\/font>/);
    // the group robot's v1 keeps its colours
    expect(renderWecomMarkdown(ranking)).toMatch(/<font color="info">/);
  });

  it('renders the table as a markdown table, a separator in a cell kept from breaking it', () => {
    const v2 = renderWecomMarkdownV2(ranking);
    expect(v2).toContain('| 单位 | 签约｜亿 |\n| --- | --- |\n| 工业园区管委会 | 12.0 |\n| 高新区 | 3.5 |');
  });

  it('gives the right form as a quote', () => {
    expect(renderWecomMarkdownV2(ranking)).toMatch(/^> 正确格式：季度晾晒 2023年第2季度$/m);
  });
});
