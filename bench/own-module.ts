import { join } from 'node:path';

/**
 * `npm run bench` runs the bench compiled by tsc (into .bench-dist) with NODE_ENV=production, as
 * production runs `node dist/src/main.js` (deploy/saima.service, the Dockerfile). Through tsx, esbuild's `keepNames` wraps every function made at run
 * time in a naming call: a signing spent about a fifth more CPU than the compiled code does, so a
 * bench on tsx measured a slower program than the one deployed. A section launched directly with
 * tsx still runs, on tsx.
 */
export const COMPILED = import.meta.url.endsWith('.js');

/** The repository, from either place this file runs. */
export const REPO_ROOT = join(import.meta.dirname, COMPILED ? '../..' : '..');

/** Node's arguments to run one of the repository's modules the same way: `modulePath` like `src/main`. */
export function nodeArgsFor(modulePath: string): string[] {
  return COMPILED
    ? [join(REPO_ROOT, '.bench-dist', `${modulePath}.js`)]
    : ['--import', 'tsx', join(REPO_ROOT, `${modulePath}.ts`)];
}
