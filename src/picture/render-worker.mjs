// Renders SVG to PNG in a worker thread: resvg's font loading, rasterising and PNG encoding all run
// here, so the bot's event loop never waits for a picture. Plain JavaScript so that it runs in a
// worker without a TypeScript loader.
import { parentPort } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';

parentPort.on('message', ({ id, svg, options }) => {
  try {
    const png = new Resvg(svg, options).render().asPng();
    parentPort.postMessage({ id, png }, [png.buffer]);
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
