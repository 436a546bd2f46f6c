import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../storage/journal-record.ts';
import type { Ledger } from '../../storage/ledger.ts';
import type { StoreDocument } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import { chatReceiver } from '../helpers/chat-receiver.ts';
import { journalOf, openTestStore, type TestStorePlace, testStorePlace } from '../helpers/test-store.ts';

const at = (minute: number) => new Date(Date.UTC(2023, 5, 1, 2, minute));
const meta = (minute = 0, actor = 'admin') => ({ actor, command: 'test', at: at(minute) });

async function districtOn(place: TestStorePlace) {
  const store = await place.open();
  return { store, receive: chatReceiver(store) };
}

/** The whole document of a store, as a copy: no verb hands it out. */
const documentOf = (store: Store) =>
  (store as unknown as { ledger: Ledger }).ledger.read((d) => structuredClone(d) as StoreDocument);

const lastChange = async (store: Store) => (await journalOf(store)).at(-1) as JournalRecord;

describe('a journal of changes', () => {
  it('writes a progress note as the note: the change on a project with 400 notes is as long as with one', async () => {
    const store = await openTestStore();
    const unit = store.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
    const p = store.registerNegotiation(meta(), { name: '再生铝项目', unitId: unit.id, date: '2023-06-01' });
    const length = async () => JSON.stringify(await lastChange(store)).length;
    store.addProgressNote(meta(1), p.id, '完成土地摘牌，正在办理规划许可');
    const first = await length();
    for (let i = 0; i < 400; i++)
      store.addProgressNote(meta(1), p.id, `第${i}次调度：完成土地摘牌，正在办理规划许可`);
    store.addProgressNote(meta(1), p.id, '完成土地摘牌，正在办理规划许可');
    const later = await length();
    expect(store.project(p.id)?.notes).toHaveLength(402);
    expect(later / first).toBeLessThan(1.1);
  });

  it('keeps what a correction changed and what it was, for the audit', async () => {
    const store = await openTestStore();
    const unit = store.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
    const p = store.registerSigning(
      meta(1),
      { create: { name: '再生铝项目', unitId: unit.id } },
      { type: '正式合同', date: '2023-05-20', amountWan: 120_000 },
    ).project;
    store.updateProject({ ...meta(2), text: '修改 再生铝项目 合同额13亿' }, p.id, {
      contractAmountWan: 130_000,
    });
    const last = await lastChange(store);
    const op = last.ops.find((o) => o.c === 'projects');
    expect(last.text).toBe('修改 再生铝项目 合同额13亿');
    expect(op?.set?.signing).toMatchObject({ amountWan: 130_000 });
    expect(op?.was).toMatchObject({ signing: { amountWan: 120_000 } });
    expect(op?.new).toBeUndefined();
  });

  it('of a store started from a ledger made elsewhere, holds the changes made after it', async () => {
    const elsewhere = await openTestStore();
    elsewhere.addUnit(meta(), { name: '工业园区管委会', type: '园区' });
    elsewhere.addUnit(meta(), { name: '经济信息委', type: '部门' });
    const store = await openTestStore({ initial: documentOf(elsewhere) });
    expect(store.seq).toBe(2);
    store.addUnit(meta(1), { name: '商务委', type: '部门' });
    expect((await journalOf(store)).map((r) => [r.seq, r.summary])).toEqual([[3, '添加单位 商务委（部门）']]);
  });

  it('undoes an instalment exactly, even after a restart', async () => {
    const place = await testStorePlace();
    const a = await districtOn(place);
    await a.receive('添加单位 工业园区管委会 园区', 'admin');
    await a.receive('添加成员 李四 账号lisi 单位工业园区管委会', 'admin');
    expect(await a.receive('登记签约 再生铝项目 合同额12亿 正式合同 日期2023-05-20')).toMatch(/已登记签约/);
    expect(await a.receive('到位资金 再生铝项目 1000万 凭证银行回单')).toMatch(/已登记到位资金/);
    await a.store.close();
    const b = await districtOn(place);
    expect(await b.receive('撤销')).toMatch(/已撤销/);
    expect(b.store.project('P2023-001')?.instalments).toEqual([]);
    expect(b.store.project('P2023-001')?.signing?.amountWan).toBe(120_000);
    await b.store.close();
  });
});
