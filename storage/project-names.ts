/**
 * How a project's name is looked up without reading every name: the two-letter pieces it is
 * filed under, and the everyday forms people write it in.
 */

const SUFFIX = /(?:项目|工程)$/u;
const CAPACITY = /^年产[0-9.一二三四五六七八九十百千万]+(?:万?吨|万?台|万?套|万?件|万?头)?/u;

/**
 * Every two code units of the name, once each. A text of two or more code units is inside a name
 * only if all of its pairs are, so the projects filed under its rarest pair hold every match.
 */
export function namePairs(name: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 2 <= name.length; i++) out.add(name.slice(i, i + 2));
  return [...out];
}

/** The everyday forms of a name: whole, without 项目, without a leading 年产… capacity. */
export function everydayNames(name: string): string[] {
  const core = name.replace(SUFFIX, '');
  const out = new Set([name, core]);
  const noCapacity = core.replace(CAPACITY, '');
  if (noCapacity.length >= 2) out.add(noCapacity);
  return [...out].filter((a) => a.length >= 2);
}

const formsCache = new Map<string, string[]>();

/** `everydayNames`, worked out once per name: the reader asks for the same names again and again. */
export function everydayNamesOf(name: string): string[] {
  let forms = formsCache.get(name);
  if (!forms) {
    if (formsCache.size > 200_000) formsCache.clear();
    forms = everydayNames(name);
    formsCache.set(name, forms);
  }
  return forms;
}
