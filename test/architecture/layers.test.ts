import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers, lowest first: a file may import its own layer and the ones below it, never one above.
 * A pattern ending in `/` names a folder; otherwise one file. The most specific pattern wins, so
 * `src/core/errors.ts` is ground while the rest of `src/core/` is the bot pipeline.
 */
const LAYERS: ReadonlyArray<{ name: string; paths: string[] }> = [
  {
    name: 'ground',
    paths: [
      'src/text/',
      'src/time/',
      'src/core/errors.ts',
      'src/core/hash-hex.ts',
      'src/core/logger.ts',
      'src/core/reply.ts',
      'src/core/incoming.ts',
      'src/domain/money.ts',
    ],
  },
  { name: 'storage', paths: ['storage/'] },
  { name: 'domain', paths: ['src/domain/'] },
  { name: 'reader', paths: ['src/reader/'] },
  { name: 'understand', paths: ['src/understand/'] },
  { name: 'race', paths: ['src/race/'] },
  { name: 'city', paths: ['src/city/'] },
  { name: 'workbook', paths: ['src/workbook/'] },
  { name: 'picture', paths: ['src/picture/'] },
  { name: 'render', paths: ['src/render/'] },
  { name: 'delivery', paths: ['src/delivery/'] },
  { name: 'push', paths: ['src/push/'] },
  { name: 'core', paths: ['src/core/'] },
  { name: 'commands', paths: ['commands/'] },
  { name: 'server', paths: ['src/server/'] },
  { name: 'web', paths: ['src/web/'] },
  { name: 'config', paths: ['src/config.ts'] },
  { name: 'platforms', paths: ['src/platforms/'] },
  { name: 'tenancy', paths: ['src/tenancy/'] },
  {
    name: 'composition',
    paths: [
      'src/compose.ts',
      'src/main.ts',
      'src/chat-cli.ts',
      'src/backup-cli.ts',
      'src/export-cli.ts',
      'src/ledger-export.ts',
      'src/import-cli.ts',
      'src/store-engine.ts',
      'src/migrate-store.ts',
      'src/migrate-store-cli.ts',
      'src/cli-argument-problem.ts',
      'src/cli-district.ts',
      'src/console-ledgers.ts',
      'src/district-import.ts',
      'src/ledger-stack.ts',
      'src/open-city.ts',
      'src/demo/',
    ],
  },
];

const ROOT = normalize(join(import.meta.dirname, '..', '..'));
const SOURCES = /\.(ts|mjs)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(path);
    return SOURCES.test(entry.name) ? [path] : [];
  });
}

function layerOf(file: string): number {
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach((layer, index) => {
    for (const path of layer.paths) {
      const matches = path.endsWith('/') ? file.startsWith(path) : file === path;
      if (matches && path.length > bestLength) {
        best = index;
        bestLength = path.length;
      }
    }
  });
  return best;
}

/** Every relative import of a file (static, re-export, dynamic), as a path from the project root. */
function importsOf(file: string, source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) =>
      relative(ROOT, join(ROOT, dirname(file), name))
        .split('\\')
        .join('/'),
    );
}

interface Upward {
  file: string;
  imports: string;
  from: string | undefined;
  to: string | undefined;
}

function upwardImports(sources: ReadonlyMap<string, string>): Upward[] {
  const found: Upward[] = [];
  for (const [file, source] of sources) {
    const own = layerOf(file);
    for (const target of importsOf(file, source)) {
      const theirs = layerOf(target);
      if (theirs <= own) continue;
      found.push({ file, imports: target, from: LAYERS[own]?.name, to: LAYERS[theirs]?.name });
    }
  }
  return found;
}

const files = ['src', 'commands', 'storage'].flatMap(filesUnder);
const sources = new Map(files.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')] as const));

describe('the layers of src/, commands/ and storage/', () => {
  it('give every source file a layer', () => {
    expect(files.filter((file) => layerOf(file) < 0)).toEqual([]);
  });

  it('have no import that runs from a lower layer to a higher one', () => {
    const found = upwardImports(sources).map((u) => `${u.file} (${u.from}) imports ${u.imports} (${u.to})`);
    expect(found).toEqual([]);
  });

  it('catch a storage file that imports the bot', () => {
    const planted = new Map([['storage/planted.ts', "import { Bot } from '../src/core/bot.ts';\n"]]);
    expect(upwardImports(planted)).toEqual([
      { file: 'storage/planted.ts', imports: 'src/core/bot.ts', from: 'storage', to: 'core' },
    ]);
  });

  it('let the ground floor import nothing of the project but itself', () => {
    const ground = files.filter((file) => layerOf(file) === 0);
    const outside = ground.flatMap((file) =>
      importsOf(file, sources.get(file) ?? '')
        .filter((target) => layerOf(target) !== 0)
        .map((target) => `${file} imports ${target}`),
    );
    expect(ground.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });
});
