const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

function skipSpace(s: string, i: number, end: number): number {
  while (i < end && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++;
  return i;
}

/**
 * Reads the first `<tag>…</tag>` of WeCom's flat callback XML: CDATA sections (WeCom splits a `]]>`
 * across two) or entity-escaped text. Only `indexOf` scans, each forward from the last, so hostile
 * input costs linear time; anything unexpected (nesting, an unclosed section) reads as null.
 */
export function xmlField(xml: string, tag: string): string | null {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  const start = xml.indexOf(open);
  if (start < 0) return null;
  let i = skipSpace(xml, start + open.length, xml.length);
  if (!xml.startsWith(CDATA_OPEN, i)) {
    const end = xml.indexOf(close, i);
    if (end < 0) return null;
    const text = xml.slice(i, end);
    if (text.includes('<')) return null;
    return text.trimEnd().replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ENTITIES[e] as string);
  }
  let out = '';
  while (xml.startsWith(CDATA_OPEN, i)) {
    const from = i + CDATA_OPEN.length;
    const end = xml.indexOf(CDATA_CLOSE, from);
    if (end < 0) return null;
    out += xml.slice(from, end);
    i = end + CDATA_CLOSE.length;
  }
  i = skipSpace(xml, i, xml.length);
  return xml.startsWith(close, i) ? out : null;
}

export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
