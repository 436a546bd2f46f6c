import type { JournalRecord } from '../storage/journal-record.ts';

/**
 * A year of progress notes as the journal holds them, one record (one op) each, in seq order:
 * `count` of them spread over 330 days of 2026 and over the projects, for the audit and the move.
 */
export function* progressJournal(projectIds: string[], count: number, v: number): Generator<JournalRecord> {
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor((i * 330) / count) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const id = projectIds[(i * 7919) % projectIds.length] as string;
    const at = `${day}T10:00:00.000+08:00`;
    yield {
      v,
      seq: i + 1,
      at,
      actor: 'lisi',
      messageKey: `bench:${i}`,
      text: `进度 ${id} 第${i}次调度，土地摘牌已完成`,
      command: 'add-progress',
      summary: `进度 ${id}`,
      ops: [
        {
          c: 'projects',
          id,
          push: { notes: [{ at, date: day, text: `第${i}次调度，土地摘牌已完成`, by: 'lisi' }] },
        },
      ],
    };
  }
}
