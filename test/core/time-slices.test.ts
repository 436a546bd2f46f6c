import { describe, expect, it } from 'vitest';
import { TimeSlices } from '../../src/core/time-slices.ts';

/** Spends `ms` of the clock, as a message's synchronous handling does. */
function busy(clock: { t: number }, ms: number) {
  return () => {
    clock.t += ms;
    return ms;
  };
}

describe('handling messages in time slices', () => {
  it('gives the event loop a turn between slices, runs jobs in order, and passes on results and errors', async () => {
    const clock = { t: 0 };
    const slices = new TimeSlices(10, () => clock.t);
    const order: string[] = [];
    // a loop turn counter: a self-renewing immediate runs once per turn of the event loop
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const turns: number[] = [];
    const jobs = Array.from({ length: 30 }, (_, i) =>
      slices.run(() => {
        order.push(`job${i}`);
        turns.push(turn);
        if (i === 5) throw new Error('bad message');
        return busy(clock, 4)();
      }),
    );
    const settled = await Promise.allSettled(jobs);
    counting = false;
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => `job${i}`));
    expect(settled[5]).toMatchObject({ status: 'rejected', reason: new Error('bad message') });
    expect(settled[0]).toEqual({ status: 'fulfilled', value: 4 });
    // jobs of 4 ms in slices of 10 ms: three jobs a turn (the one that throws takes no time), then the loop's turn
    const perTurn = new Map<number, number>();
    for (const t of turns) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(4);
    expect(perTurn.size).toBeGreaterThanOrEqual(8);
  });

  it('runs a job longer than a slice on its own rather than never', async () => {
    const clock = { t: 0 };
    const slices = new TimeSlices(10, () => clock.t);
    expect(await slices.run(busy(clock, 50))).toBe(50);
  });
});
