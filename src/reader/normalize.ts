/**
 * Folds a message to one canonical form: NFKC turns full-width letters, digits, spaces and
 * punctuation (`：，（）０-９`) into their half-width forms; @-mentions and surrounding blanks go.
 */
export function normalizeText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\r\n\t\u00a0\u3000]+/g, ' ')
    .replace(/(^|\s)@\S+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
