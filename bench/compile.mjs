// Builds the bench as production is built (tsc, then the web assets beside the code): see own-module.ts.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, '.bench-dist');
// a file removed from the sources must not linger in the build
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.bench.json')], { stdio: 'inherit' });
cpSync(join(root, 'src/web/assets'), join(out, 'src/web/assets'), { recursive: true });
