/**
 * Everything `freeze` has frozen, with all it holds. A record is never changed in place (a change
 * puts a new object in its place, storage/ops.ts `recordAfter`), so a frozen record stays as it is
 * and the parts a newer version shares with it need not be walked again.
 */
const frozen = new WeakSet<object>();

/**
 * Freezes `value` and everything it holds, so that what a read hands out straight from the ledger
 * cannot be changed by whoever holds it (an assignment throws: modules are strict). Cheaper than a
 * copy from the second read of a record on; a copy to change is what `Tx.get` is for.
 */
export function freeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || frozen.has(value)) return value;
  for (const part of Object.values(value)) freeze(part);
  Object.freeze(value);
  frozen.add(value);
  return value;
}
