import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoDistrict } from '../src/demo/build-demo-district.ts';
import { fiveColourPng, fiveColourSvg } from '../src/picture/five-colour-chart.ts';
import { rankUnits } from '../src/race/ranking.ts';
import { readSettings } from '../src/race/settings.ts';
import { MemoryPersistence } from '../storage/persistence.ts';
import { Store } from '../storage/store.ts';

/** Writes docs/five-colour-sample.png from the demo district (2026 Q3), and prints how long it took. */
const store = await Store.open(new MemoryPersistence());
buildDemoDistrict(store, new Date('2026-11-29T10:00:00+08:00'));
const settings = readSettings(store);
const ranking = rankUnits(store, '2026-09-30', settings);
let t = performance.now();
const svg = fiveColourSvg(ranking, '2026年第3季度晾晒 五色图', settings);
const svgMs = performance.now() - t;
t = performance.now();
const png = await fiveColourPng(ranking, '2026年第3季度晾晒 五色图', settings);
const pngMs = performance.now() - t;
mkdirSync(join(import.meta.dirname, '..', 'docs'), { recursive: true });
writeFileSync(join(import.meta.dirname, '..', 'docs', 'five-colour-sample.png'), png);
process.stdout.write(
  `SVG ${svgMs.toFixed(0)} ms (main thread), SVG+PNG ${pngMs.toFixed(0)} ms, ${svg.length} chars, ${png.length} bytes\n`,
);
