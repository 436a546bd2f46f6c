const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Reads one flat field of WeCom's callback XML (CDATA or plain text); WeCom's XML is never nested deeper. */
export function xmlField(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${tag}>`).exec(xml);
  if (!m) return null;
  if (m[1] !== undefined) return m[1];
  return (m[2] ?? '').replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ENTITIES[e] as string);
}

export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
