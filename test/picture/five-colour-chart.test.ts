import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildDemoDistrict } from '../../src/demo/build-demo-district.ts';
import {
  CHART_WIDTH,
  chartHeight,
  fiveColourPng,
  fiveColourSvg,
} from '../../src/picture/five-colour-chart.ts';
import { rankUnits } from '../../src/race/ranking.ts';
import { readSettings } from '../../src/race/settings.ts';
import { MemoryPersistence } from '../../storage/persistence.ts';
import { Store } from '../../storage/store.ts';

/** Reads a PNG's header and inflates its image data: a real decode, not a signature check. */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let offset = 8;
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('ascii');
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8] as number;
      colourType = data[9] as number;
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, bitDepth, colourType, raw };
}

describe('the five-colour picture', () => {
  it('is a valid PNG of the right size with every unit, the title, the period and the legend', async () => {
    const store = await Store.open(new MemoryPersistence());
    buildDemoDistrict(store, new Date('2026-11-29T10:00:00+08:00'));
    const settings = readSettings(store);
    const ranking = rankUnits(store, '2026-09-30', settings);
    const svg = fiveColourSvg(ranking, '2026年第3季度晾晒 五色图', settings);
    for (const s of ranking.standings) expect(svg).toContain(s.unit.name);
    expect(svg).toContain('2026年第3季度晾晒 五色图');
    expect(svg).toContain('截至2026年9月30日');
    for (const word of ['绿 ≥100%', '蓝 90%–100%', '黄 70%–90%', '橙 50%–70%', '红 &lt;50%'])
      expect(svg).toContain(word);
    const png = await fiveColourPng(ranking, '2026年第3季度晾晒 五色图', settings);
    const image = decodePng(png);
    expect(image.width).toBe(CHART_WIDTH * 2);
    expect(image.height).toBe(chartHeight(ranking.standings.length) * 2);
    const channels = image.colourType === 6 ? 4 : 3;
    expect(image.raw.length).toBe(image.height * (1 + image.width * channels * (image.bitDepth / 8)));
  });
});
