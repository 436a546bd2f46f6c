import { readdirSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zh } from '../../src/text/zh.ts';

const ROOT = normalize(join(import.meta.dirname, '..', '..'));

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') && path !== 'src/text/zh.ts' ? [path] : [];
  });
}

describe('the sentences in zh', () => {
  it('are each said somewhere in src/, commands/ or storage/', () => {
    const code = ['src', 'commands', 'storage']
      .flatMap(sourcesUnder)
      .map((file) => readFileSync(join(ROOT, file), 'utf8'))
      .join('\n');
    const unused = Object.keys(zh).filter((key) => !new RegExp(`\\bzh\\.${key}\\b`).test(code));
    expect(unused).toEqual([]);
  });
});
