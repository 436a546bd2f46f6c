/**
 * A deep copy of a record's data (plain objects, arrays, strings, numbers, booleans, null), the same
 * as `structuredClone` gives for it. `structuredClone` serialises and deserialises even a small
 * record, 2–3 µs each, and a 登记签约 copies several (the unit it checks, the counter it bumps, the
 * project it puts); walking the data is about a tenth of that. Anything that is not plain data (a
 * Date, a Map, an instance) is handed to `structuredClone` itself.
 */
export function plainCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) {
    // a function or symbol is no data: structuredClone refuses it (DataCloneError), as it did before
    if (typeof value === 'function' || typeof value === 'symbol') return structuredClone(value);
    return value;
  }
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = plainCopy(value[i]);
    return copy as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = plainCopy((value as Record<string, unknown>)[key]);
    // an own `__proto__` key (JSON.parse makes one) stays a key, as structuredClone keeps it
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: v, enumerable: true, writable: true, configurable: true });
    else copy[key] = v;
  }
  return copy as T;
}
