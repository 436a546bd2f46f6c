import { StoreConflictError } from './save-errors.ts';

/** How often a step is run again when other instances on the same database keep committing first. */
export const CONFLICT_ATTEMPTS = 5;

/**
 * Runs one synchronous store change and resolves with its result once the change is durable (at
 * once when the step changed nothing). When another instance committed first (storage/pg:
 * StoreConflictError) the change was taken back and the ledger now holds the other's, so the step
 * runs again on it, at most `attempts` times in all. Any other refusal is thrown as it is.
 *
 * `durable()` is asked in the same turn as the step, so it waits for this change (and those before
 * it), never for one made later by someone else.
 */
export async function durably<T>(
  store: { readonly seq: number; durable(): Promise<void> },
  step: () => T,
  attempts = CONFLICT_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const before = store.seq;
    const result = step();
    if (store.seq === before) return result;
    try {
      await store.durable();
      return result;
    } catch (e) {
      if (!(e instanceof StoreConflictError) || attempt >= attempts) throw e;
    }
  }
}
