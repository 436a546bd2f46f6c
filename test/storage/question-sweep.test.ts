import { expect, it } from 'vitest';
import { MemoryPersistence } from '../../storage/persistence.ts';
import { Store } from '../../storage/store.ts';

const at = (min: number) => new Date(Date.UTC(2026, 10, 30, 2, min));
const q = (min: number) => ({
  id: 'wecom:chat:alice',
  actor: 'alice',
  askedAt: at(min).toISOString(),
  expiresAt: at(min + 5).toISOString(),
  question: '哪个项目？',
  said: ['x'],
  command: null,
  trigger: 'x',
  raw: {},
  confirmed: [],
  field: null,
  free: null,
  options: [],
});

it('a question asked again after the old one expired is kept (the sweep in the same change deletes it)', async () => {
  const store = await Store.open(new MemoryPersistence());
  const meta = (min: number) => ({ actor: 'alice', command: 'ask', at: at(min) });
  store.holdQuestion(meta(0), q(0));
  store.holdQuestion(meta(10), q(10)); // old one expired at minute 5; first change in 10 minutes
  expect(store.pendingQuestion('wecom:chat:alice')?.askedAt).toBe(at(10).toISOString());
});
