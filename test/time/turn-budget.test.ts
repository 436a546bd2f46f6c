import { describe, expect, it } from 'vitest';
import { TurnBudget } from '../../src/time/turn-budget.ts';

describe('sharing the main thread among many pieces of work', () => {
  it('lets the event loop turn once the budget is spent, and every piece still runs, in order', async () => {
    const clock = { t: 0 };
    const budget = new TurnBudget(10, () => clock.t);
    // a turn counter: a self-renewing immediate runs once per turn of the event loop
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const order: number[] = [];
    const turns: number[] = [];
    // thirty messages arriving together, each costing 4 ms of the main thread
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        while (budget.over()) await budget.turn();
        order.push(i);
        turns.push(turn);
        clock.t += 4;
      }),
    );
    counting = false;
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const perTurn = new Map<number, number>();
    for (const t of turns) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    // 4-ms pieces under a 10-ms budget: three a turn, then the loop's own turn
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(3);
    expect(perTurn.size).toBeGreaterThanOrEqual(10);
  });
});
