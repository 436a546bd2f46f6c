import { afterAll, afterEach, beforeEach } from 'vitest';
import { testStoreHooks } from './helpers/test-store.ts';

// The postgres project's setup file: a test's stores are closed when it ends (each holds connections),
// and the test file's database is dropped when the file ends.
const hooks = testStoreHooks();
beforeEach(hooks.testStarts);
afterEach(hooks.testEnded);
afterAll(hooks.fileEnded);
