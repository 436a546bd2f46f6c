import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainCopy } from '../../storage/plain-copy.ts';

/** Every object and array reachable from a value. */
function containers(value: unknown, into: object[] = []): object[] {
  if (typeof value !== 'object' || value === null) return into;
  into.push(value);
  for (const v of Object.values(value)) containers(v, into);
  return into;
}

describe('a copy of a record’s data', () => {
  it('equals what structuredClone gives, for any JSON value, and shares no object or array with it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = plainCopy(value);
        expect(copy).toStrictEqual(structuredClone(value));
        const originals = new Set(containers(value));
        for (const c of containers(copy)) expect(originals.has(c)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps an own __proto__ key a key, never the copy’s prototype', () => {
    const hostile = JSON.parse('{"name":"项目","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const copy = plainCopy(hostile);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['name', '__proto__']);
    expect(copy).toStrictEqual(structuredClone(hostile));
  });

  it('leaves a frozen record frozen and hands out an unfrozen copy, as structuredClone does', () => {
    const record = Object.freeze({
      id: 'P2026-001',
      notes: Object.freeze([Object.freeze({ text: '对接' })]),
    });
    const copy = plainCopy(record);
    expect(Object.isFrozen(copy)).toBe(false);
    expect(Object.isFrozen(copy.notes)).toBe(false);
    expect(copy).toStrictEqual(record);
  });

  it('hands what is not plain data to structuredClone', () => {
    const at = new Date('2026-11-30T08:00:00+08:00');
    const copy = plainCopy({ at, seen: new Map([['a', 1]]) });
    expect(copy.at).not.toBe(at);
    expect(copy.at.getTime()).toBe(at.getTime());
    expect(copy.seen).toEqual(new Map([['a', 1]]));
  });

  it('refuses a function or a symbol inside the data, as structuredClone does, instead of sharing it', () => {
    expect(() => plainCopy({ id: 'P2026-001', later: () => 1 })).toThrow(/could not be cloned/);
    expect(() => plainCopy({ id: 'P2026-001', tags: [Symbol('x')] })).toThrow(/could not be cloned/);
  });
});
