import { type CommandContext, defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { type Reply, reply } from '../src/core/reply.ts';
import { type ArgsOf, field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';
import type { Trip } from '../storage/schema.ts';

const LABELS: Array<[keyof Trip, string]> = [
  ['destination', '去向'],
  ['date', '日期'],
  ['leaderName', '带队'],
  ['enterprises', '对接企业'],
  ['ledByDistrictLeader', '计入区领导带队'],
];

function show(v: unknown): string {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return zh.emptyValue;
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return zh.yesNo(v);
  return String(v);
}

/** The `键值` fields of a trip correction, shared with 修改 (an admin may write `修改 T2023-001 …`). */
export const tripFields = {
  destination: field.text('去向', { synonyms: ['地点', '目的地'], optional: true }),
  tripLeader: field.text('带队领导', { synonyms: ['带队'], optional: true }),
  enterprises: field.list('对接企业', { synonyms: ['企业'], optional: true }),
  date: field.pastDate('日期', { optional: true }),
};

type TripArgs = { ref: string } & Partial<ArgsOf<typeof tripFields>>;

export const TRIP_ID = /^T\d{4}-\d{3,}$/i;

/** Corrects a trip for its reporter or an admin, answering with each change as before → after. */
export function editTrip(args: TripArgs, ctx: CommandContext): Reply {
  const trip = ctx.store.trip(args.ref);
  if (!trip) throw new UserError(zh.tripUnknown(args.ref));
  if (ctx.actor.role !== 'admin' && trip.by !== ctx.actor.account)
    throw new UserError(zh.tripNotYours(trip.id));
  const patch: Partial<Trip> = {};
  if (args.destination !== undefined) patch.destination = args.destination;
  if (args.date !== undefined) patch.date = args.date;
  if (args.enterprises !== undefined) patch.enterprises = args.enterprises;
  if (args.tripLeader !== undefined) {
    patch.leaderName = args.tripLeader;
    patch.ledByDistrictLeader = ctx.store.memberByName(args.tripLeader)?.role === 'leader';
  }
  if (Object.keys(patch).length === 0) throw new UserError(zh.tripNothingToPatch);
  const { before, after } = ctx.store.updateTrip(ctx.meta, trip.id, patch);
  const changed = LABELS.filter(([k]) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map(
    ([k, label]) => zh.change(label, show(before[k]), show(after[k])),
  );
  return reply('ok', zh.tripEdited(after.id, after.destination), [...changed, ctx.undoHint]);
}

export default defineCommand({
  id: 'edit-trip',
  triggers: ['修改外出招商', '修改外出', '修改招商外出'],
  summary: '更正一条外出招商记录的去向、日期、带队或对接企业（登记人或管理员）',
  usage: '修改外出招商 T2023-001 [去向…] [日期6月12日] [带队张三] [对接企业某甲公司、某乙公司]',
  examples: ['修改外出招商 T2023-001 日期6月13日 对接企业某甲公司、某丙公司'],
  access: 'member',
  writes: true,
  args: { ref: field.head('外出招商编号'), ...tripFields },
  handle: editTrip,
});
