import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);

/**
 * What the page loads, all served by the bot itself: bureaus run on an intranet, so nothing comes
 * from the internet. ECharts is the npm package's own browser build, the same version that draws
 * the pushed PNG on the server.
 */
const FILES = {
  'echarts.min.js': { path: require.resolve('echarts/dist/echarts.min.js'), type: 'text/javascript' },
  'web.css': { path: fileURLToPath(new URL('./assets/web.css', import.meta.url)), type: 'text/css' },
  'race.js': { path: fileURLToPath(new URL('./assets/race.js', import.meta.url)), type: 'text/javascript' },
  'import.js': {
    path: fileURLToPath(new URL('./assets/import.js', import.meta.url)),
    type: 'text/javascript',
  },
} satisfies Record<string, { path: string; type: string }>;

export type AssetName = keyof typeof FILES;

interface Loaded {
  bytes: Buffer;
  type: string;
  version: string;
}

const loaded = new Map<string, Loaded>();

function load(name: string): Loaded | null {
  const known = Object.hasOwn(FILES, name) ? FILES[name as AssetName] : undefined;
  if (!known) return null;
  let asset = loaded.get(name);
  if (!asset) {
    const bytes = readFileSync(known.path);
    const version = createHash('sha256').update(bytes).digest('base64url').slice(0, 12);
    asset = { bytes, type: known.type, version };
    loaded.set(name, asset);
  }
  return asset;
}

/** The asset's URL with its content hash: a new version is a new URL, so browsers may keep each for a year. */
export function assetUrl(name: AssetName): string {
  const asset = load(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return `/web/assets/${name}?v=${asset.version}`;
}

/** Serves `/web/assets/<name>`: public (code and styles, no data), cached for a year, revalidated by ETag. */
export function assetRouter(): Router {
  const router = express.Router();
  router.get('/web/assets/:name', (req, res) => {
    const asset = load(String(req.params.name));
    if (!asset) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    const etag = `"${asset.version}"`;
    res.set('ETag', etag).set('Cache-Control', 'public, max-age=31536000, immutable');
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    res.status(200).type(asset.type).send(asset.bytes);
  });
  return router;
}
