import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const CHINESE = /[\u4e00-\u9fff]/;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === 'src/text' ? [] : sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** The places a sentence to a person is written: a refusal, or a schema's message for bad input. */
const SENTENCE_SITES = [
  /UserError\(\s*(['`])((?:(?!\1).)*)\1/gs,
  /\{\s*error:\s*(['`])((?:(?!\1).)*)\1/gs,
  /(?:refine|regex|min)\([^;]*?,\s*(['`])((?:(?!\1).)*)\1\)/g,
];

describe('every refusal the bot gives comes from src/text', () => {
  it('has no refusal or input-error sentence written inline in commands, src or storage', () => {
    const inline: string[] = [];
    for (const file of [...sources('commands'), ...sources('src'), ...sources('storage')]) {
      if (file === 'src/config.ts') continue; // start-up messages to the operator, printed with the key they are about
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const site of SENTENCE_SITES) {
        for (const m of text.matchAll(site)) if (CHINESE.test(m[2] ?? '')) inline.push(`${file}: ${m[2]}`);
      }
    }
    expect(inline).toEqual([]);
  });
});

/** A string or template literal with this many Chinese characters (outside its `${…}`) is a sentence, not a word. */
const SENTENCE_LENGTH = 6;
const CJK = /[\u4e00-\u9fff]/g;

/**
 * Data, not sentences: the demo district's made-up names and notes, the catalogues of indicator and
 * setting names and the forms settings are written in (their words are the keys a person types), the
 * 台账 workbook's column headers (an imported sheet is matched by them) and the headers and synonyms
 * bureaus write in their own ledgers (what the import recognises), and
 * the start-up configuration messages (printed with the key they are about; see the test above).
 */
const NOT_SENTENCES = [
  'src/text/',
  'src/demo/',
  'src/config.ts',
  'src/domain/indicator-catalogue.ts',
  'src/race/setting-forms.ts',
  'src/race/settings.ts',
  'src/workbook/columns.ts',
  'src/workbook/import/column-names.ts',
];

function sentencesIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('');
    if (text !== null && (text.match(CJK)?.length ?? 0) >= SENTENCE_LENGTH) found.push(`${file}: ${text}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('every sentence a view, a push, a platform or the store writes comes from src/text', () => {
  it('has no sentence written inline in src or storage', () => {
    const inline = [...sources('src'), ...sources('storage')]
      .filter((file) => !NOT_SENTENCES.some((path) => file.startsWith(path)))
      .flatMap(sentencesIn);
    expect(inline).toEqual([]);
  });
});
