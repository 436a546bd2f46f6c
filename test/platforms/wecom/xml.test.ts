import { describe, expect, it } from 'vitest';
import { cdata, xmlField } from '../../../src/platforms/wecom/xml.ts';

const LIMIT = 64 * 1024;
const fill = (head: string, unit: string, tail = '') =>
  head + unit.repeat(Math.floor((LIMIT - head.length - tail.length) / unit.length)) + tail;

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
  ])('reads null, at once, from %s', (_name, xml) => {
    expect(xml.length).toBeGreaterThan(LIMIT - 16);
    for (let i = 0; i < 20; i++) expect(xmlField(xml, 'Encrypt')).toBeNull();
  });
});
