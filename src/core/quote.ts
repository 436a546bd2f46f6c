const PROJECT_ID = /P\d{4}-\d{3,}/gi;
// 「这个」 alone only where it cannot start another noun (这个月, 这个单位): before a question word,
// 的, punctuation or the end
const REFERENCE =
  /这个项目|该项目|此项目|本项目|这一项目|这个(?=进展|进度|情况|怎么样|如何|的|[\s，,。.？?！!]|$)/;

/**
 * A quoted reply's 「这个项目」/「该项目」/「这个」 means the project the quoted message names: the
 * first such reference becomes that project's 编号 before the text is read. Only a quote that names
 * exactly one 编号 (a project card, a confirmation) resolves; a list of several changes nothing.
 * With `nameOf` (the ledger's name for a 编号), the quote must also show that name: a card quoted
 * from another district's reply (编号 are per district) or of a project since renamed is not taken
 * for the project that has its 编号 here.
 */
/** The quote shows `name` as a whole name, not as part of a longer one (光伏 in 光伏组件项目). */
function namesWhole(quote: string, name: string): boolean {
  for (let at = quote.indexOf(name); at >= 0; at = quote.indexOf(name, at + 1)) {
    const before = quote.slice(0, at).at(-1) ?? '';
    const after = quote.slice(at + name.length).at(0) ?? '';
    if (!WORD.test(before) && !WORD.test(after)) return true;
  }
  return false;
}

const WORD = /^[\p{L}\p{N}]$/u;

export function resolveQuote(
  text: string,
  quote: string | undefined,
  nameOf?: (id: string) => string | null,
): string {
  if (!quote) return text;
  const ids = new Set([...quote.matchAll(PROJECT_ID)].map((m) => m[0].toUpperCase()));
  if (ids.size !== 1) return text;
  const id = [...ids][0] as string;
  if (nameOf) {
    const name = nameOf(id);
    if (name === null || !namesWhole(quote, name)) return text;
  }
  return text.replace(REFERENCE, ` ${id} `);
}
