import { describe, expect, it, vi } from 'vitest';
import { cdata, xmlField } from '../../../src/platforms/wecom/xml.ts';

const LIMIT = 64 * 1024;
const fill = (head: string, unit: string, tail = '') =>
  head + unit.repeat(Math.floor((LIMIT - head.length - tail.length) / unit.length)) + tail;

/**
 * How many characters the searches of `read` look at (what `indexOf` passes over to its answer, and
 * what `startsWith` compares): a count, not a time, so a loaded machine cannot change it.
 */
function charactersLookedAt<T>(read: () => T): { value: T; looked: number } {
  const { indexOf, startsWith } = String.prototype;
  let looked = 0;
  const indexSpy = vi.spyOn(String.prototype, 'indexOf').mockImplementation(function (
    this: string,
    search: string,
    from = 0,
  ) {
    const at = indexOf.call(this, search, from);
    looked += (at < 0 ? this.length : at + search.length) - Math.max(0, from);
    return at;
  });
  const startsSpy = vi.spyOn(String.prototype, 'startsWith').mockImplementation(function (
    this: string,
    search: string,
    from = 0,
  ) {
    looked += search.length;
    return startsWith.call(this, search, from);
  });
  try {
    return { value: read(), looked };
  } finally {
    indexSpy.mockRestore();
    startsSpy.mockRestore();
  }
}

describe('xmlField reads one field of WeCom callback XML', () => {
  it('reads CDATA, plain text with entities, and the first of two fields', () => {
    const xml =
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><CreateTime> 1409659813 </CreateTime>' +
      '<Content>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;</Content><MsgId>1</MsgId><MsgId>2</MsgId></xml>';
    expect(xmlField(xml, 'ToUserName')).toBe('wx5823bf96d3bd56c7');
    expect(xmlField(xml, 'CreateTime')).toBe('1409659813');
    expect(xmlField(xml, 'Content')).toBe('a <b> & "c" \'d\'');
    expect(xmlField(xml, 'MsgId')).toBe('1');
    expect(xmlField(xml, 'AgentID')).toBeNull();
  });

  it('keeps a member\'s text that contains "]]>" or the closing tag itself', () => {
    const text = '登记签约 a]]>b </Content> c';
    expect(xmlField(`<xml><Content>${cdata(text)}</Content></xml>`, 'Content')).toBe(text);
    expect(xmlField('<Content>\n  <![CDATA[x]]>\n</Content>', 'Content')).toBe('x');
  });

  it('reads nothing from nested elements, unclosed fields or unclosed CDATA', () => {
    expect(xmlField('<Encrypt><b>x</b></Encrypt>', 'Encrypt')).toBeNull();
    expect(xmlField('<Encrypt>abc', 'Encrypt')).toBeNull();
    expect(xmlField('<Encrypt><![CDATA[abc</Encrypt>', 'Encrypt')).toBeNull();
    expect(xmlField('<Encrypt><![CDATA[abc]]>junk</Encrypt>', 'Encrypt')).toBeNull();
  });

  // each of these froze the old regular expression for seconds to minutes
  it.each([
    ['an open tag and 64 KB of spaces', fill('<Encrypt>', ' ')],
    ['an open tag, spaces and a CDATA that never closes', fill('<Encrypt>', ' ', '<![CDATA[x')],
    ['64 KB of nested unclosed CDATA openers', fill('<Encrypt>', '<![CDATA[')],
    ['64 KB of open tags', fill('', '<Encrypt>')],
    ['64 KB of closed CDATA sections and no closing tag', fill('<Encrypt>', '<![CDATA[a]]>')],
    ['spaces and tabs around text that never closes', fill('<Encrypt>', ' \t\n', 'x')],
  ])('reads null, looking at each character a bounded number of times, from %s', (_name, xml) => {
    expect(xml.length).toBeGreaterThan(LIMIT - 16);
    const { value, looked } = charactersLookedAt(() => xmlField(xml, 'Encrypt'));
    expect(value).toBeNull();
    // the old expression looked at every character again for every place it could start: ~n² of them
    expect(looked).toBeLessThanOrEqual(3 * xml.length);
  });
});
