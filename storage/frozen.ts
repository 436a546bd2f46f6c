/*
 * A record is never changed in place (a change puts a new object in its place, storage/ops.ts
 * `recordAfter`), so a frozen record stays as it is and the parts a newer version shares with it
 * need not be walked again. A frozen object is known by `Object.isFrozen`: only `freeze` freezes
 * anything in this code base (test/storage/frozen-reads.test.ts checks), and it freezes an object
 * after everything it holds. A WeakSet of what was frozen did the same and was worse: every read
 * adds a fresh frozen wrapper (a match, a list), and a set of hundreds of thousands of dead entries
 * made the garbage collector stop the event loop for 60–230 ms under 200 reporters.
 */

/**
 * Freezes `value` and everything it holds, so that what a read hands out straight from the ledger
 * cannot be changed by whoever holds it (an assignment throws: modules are strict). Cheaper than a
 * copy from the second read of a record on; a copy to change is what `Tx.get` is for.
 */
export function freeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const part of Object.values(value)) freeze(part);
  Object.freeze(value);
  return value;
}
