import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { buildDemoDistrict } from '../../src/demo/build-demo-district.ts';
import { CHART_WIDTH, FONT_FILES, fiveColourSvg, svgToPng } from '../../src/picture/five-colour-chart.ts';
import { rankUnits } from '../../src/race/ranking.ts';
import { readSettings } from '../../src/race/settings.ts';
import { MemoryPersistence } from '../../storage/persistence.ts';
import { Store } from '../../storage/store.ts';

/** The subsetter is plain JavaScript for the worker thread, built as it is (a typed import would stop tsc emitting it). */
const subsetter = new URL('../../src/picture/font-subset.mjs', import.meta.url).href;
const { SubsettableFont, charactersOf } = (await import(subsetter)) as {
  SubsettableFont: new (bytes: Buffer) => { subset(text: Iterable<string>): Buffer };
  charactersOf(svg: string): Set<string>;
};

/** What resvg draws with the whole font files: the picture the worker's subsets must reproduce exactly. */
function withWholeFonts(svg: string, fontFiles = FONT_FILES): Buffer {
  return Buffer.from(
    new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Noto Sans SC' },
      background: '#FFFFFF',
      fitTo: { mode: 'width', value: CHART_WIDTH * 2 },
    })
      .render()
      .asPng(),
  );
}

describe('the picture worker, which reads the fonts once and gives resvg only the glyphs a picture uses', () => {
  it('draws the five-colour chart byte for byte as the whole fonts do, the first time and after', async () => {
    const store = await Store.open(new MemoryPersistence());
    buildDemoDistrict(store, new Date('2026-11-29T10:00:00+08:00'));
    const settings = readSettings(store);
    const svg = fiveColourSvg(rankUnits(store, '2026-09-30', settings), '2026年第3季度晾晒 五色图', settings);
    const expected = withWholeFonts(svg);
    expect((await svgToPng(svg)).equals(expected)).toBe(true);
    expect((await svgToPng(svg)).equals(expected)).toBe(true);
  });

  it('keeps composite glyphs, bold text, entities and characters of several pictures apart', async () => {
    const svg = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="120"><text x="10" y="50" style="font-size:22px;font-family:Noto Sans SC;font-weight:bold">${text}</text><text x="10" y="100" style="font-size:18px;font-family:Noto Sans SC">${text} Ĉafé Ǻ &#x5DE5;&#19994; &lt;50%</text></svg>`;
    for (const text of ['工业园区管委会 1. 绿 ≥100%', '经济信息委 2. 红 黑榜']) {
      expect((await svgToPng(svg(text))).equals(withWholeFonts(svg(text)))).toBe(true);
    }
  });

  it('cuts each font to about a twentieth and draws Latin (kerning, ligatures) and decomposed letters the same', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="80"><text x="10" y="50" style="font-size:22px;font-family:Noto Sans SC">AVAT office fi 工业园区 Ǻ 1.5%</text></svg>`;
    const dir = mkdtempSync(join(tmpdir(), 'saima-subset-'));
    const files = FONT_FILES.map((file, i) => {
      const subset = new SubsettableFont(readFileSync(file)).subset(charactersOf(svg));
      expect(subset.length).toBeLessThan(readFileSync(file).length / 10);
      writeFileSync(join(dir, `${i}.ttf`), subset);
      return join(dir, `${i}.ttf`);
    });
    expect(withWholeFonts(svg, files).equals(withWholeFonts(svg))).toBe(true);
    // and the subset is no whole font in disguise: text it cannot reach is drawn differently
    const other = svg.replace('工业园区', '经济信息');
    expect(withWholeFonts(other, files).equals(withWholeFonts(other))).toBe(false);
  });
});
