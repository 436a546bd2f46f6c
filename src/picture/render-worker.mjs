// Renders SVG to PNG in a worker thread: resvg's font loading, rasterising and PNG encoding all run
// here, so the bot's event loop never waits for a picture. Plain JavaScript so that it runs in a
// worker without a TypeScript loader.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';
import { charactersOf, SubsettableFont } from './font-subset.mjs';

// the fonts are read and parsed once, when the worker starts; each picture gets a subset of them
const fontFiles = workerData.fontFiles;
const fonts = fontFiles.map((path) => new SubsettableFont(readFileSync(path)));
const dir = mkdtempSync(join(tmpdir(), 'saima-fonts-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Each font cut down to what this picture draws, as files (all resvg takes); the full fonts if that fails. */
function fontsFor(svg) {
  try {
    const text = charactersOf(svg);
    return fonts.map((font, i) => {
      const path = join(dir, `${i}.ttf`);
      writeFileSync(path, font.subset(text));
      return path;
    });
  } catch {
    return fontFiles;
  }
}

parentPort.on('message', ({ id, svg, options }) => {
  try {
    const font = { ...options.font, fontFiles: fontsFor(svg) };
    const png = new Resvg(svg, { ...options, font }).render().asPng();
    parentPort.postMessage({ id, png }, [png.buffer]);
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
