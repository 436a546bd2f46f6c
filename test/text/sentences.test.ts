import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
