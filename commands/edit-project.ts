import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { CONTRACT_TYPE_WORDS } from '../src/domain/labels.ts';
import { formatWan } from '../src/domain/money.ts';
import { choice, field } from '../src/reader/schema-fields.ts';
import { zh } from '../src/text/zh.ts';
import type { ProjectPatch } from '../storage/store.ts';
import { editTrip, TRIP_ID, TRIP_KEYS, tripFieldSchemas } from './edit-trip.ts';
import { PROJECT_KEYS, projectFieldSchemas } from './project-keys.ts';

const TRIP_FIELDS = Object.keys(TRIP_KEYS) as Array<keyof typeof TRIP_KEYS>;

const LABELS: Record<string, string> = {
  name: '名称',
  investor: '投资方',
  chain: '产业链',
  unitId: '责任单位',
  leaderName: '包联领导',
  ownerName: '负责人',
  investmentWan: '总投资',
  major: '重大项目',
  signing: '签约信息',
};

export default defineCommand({
  id: 'edit-project',
  triggers: ['修改', '修改项目'],
  summary: '修改项目信息（补充协议改合同额也用它）',
  usage:
    '修改 P2023-017 合同额13亿 | 责任单位… | 包联领导… | 负责人… | 开工期限2024-03-31 | 名称… | 重大是/否；外出招商：修改 T2023-001 日期… 带队… 对接企业… 去向…',
  examples: [
    '修改 P2023-017 合同额13亿',
    '修改 P2023-017 约定开工期限2024-06-30 负责人李四',
    '修改 T2023-001 日期6月13日 带队张三',
  ],
  access: 'admin',
  writes: true,
  grammar: {
    head: { key: 'ref' },
    keys: {
      ...PROJECT_KEYS,
      name: { names: ['项目名称', '名称'] },
      amount: { names: ['正式合同额', '合同额'] },
      type: { names: ['合同类型', '类型'] },
      signingDate: { names: ['签约日期'] },
      deadline: { names: ['约定开工期限', '开工期限'] },
      major: { names: ['重大项目', '重大'] },
      ...TRIP_KEYS,
    },
  },
  schema: (now) =>
    z.object({
      ref: field.text('项目编号或名称'),
      ...projectFieldSchemas,
      name: field.text('名称').optional(),
      amount: field.amount('合同额').optional(),
      type: choice('合同类型', CONTRACT_TYPE_WORDS).optional(),
      signingDate: field.pastDate('签约日期', now).optional(),
      deadline: field.date('约定开工期限', now).optional(),
      major: choice('重大', { 是: 'yes', 否: 'no' } as Record<string, 'yes' | 'no'>).optional(),
      ...tripFieldSchemas(now),
    }),
  handle(args, ctx) {
    if (TRIP_ID.test(args.ref)) return editTrip(args, ctx);
    if (TRIP_FIELDS.some((k) => args[k] !== undefined)) throw new UserError(zh.tripFieldsOnProject);
    const project = ctx.project(args.ref, 'write');
    const patch: ProjectPatch = {};
    if (args.name !== undefined) patch.name = args.name;
    if (args.investor !== undefined) patch.investor = args.investor;
    if (args.chain !== undefined) patch.chain = args.chain;
    if (args.leader !== undefined) patch.leaderName = args.leader;
    if (args.owner !== undefined) patch.ownerName = args.owner;
    if (args.investment !== undefined) patch.investmentWan = args.investment;
    if (args.unit !== undefined) {
      const unit = ctx.store.unitByName(args.unit);
      if (!unit) throw new UserError(zh.unitUnknown(args.unit));
      patch.unitId = unit.id;
    }
    if (args.amount !== undefined) patch.contractAmountWan = args.amount;
    if (args.type !== undefined) patch.contractType = args.type;
    if (args.signingDate !== undefined) patch.signingDate = args.signingDate;
    if (args.deadline !== undefined) patch.startDeadline = args.deadline;
    if (args.major !== undefined) patch.major = args.major === 'yes';
    if (Object.keys(patch).length === 0) throw new UserError(zh.nothingToPatch);
    const { before, after } = ctx.store.updateProject(ctx.meta, project.id, patch);
    const changed = (Object.keys(LABELS) as Array<keyof typeof before>)
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => {
        const unitName = (v: unknown) => (k === 'unitId' ? (ctx.store.unit(String(v))?.name ?? v) : v);
        const shown = (v: unknown) =>
          k === 'investmentWan' && typeof v === 'number' ? formatWan(v) : show(v);
        return `${LABELS[k as string]}：${shown(unitName(before[k]))} → ${shown(unitName(after[k]))}`;
      });
    return reply('ok', `已修改：${after.id} ${after.name}`, [...changed, ctx.undoHint]);
  },
});

function show(v: unknown): string {
  if (v === null || v === undefined) return '（空）';
  if (typeof v === 'object') {
    const s = v as { type?: string; date?: string; amountWan?: number; startDeadline?: string };
    return `${s.type} ${s.date} ${formatWan(s.amountWan ?? 0)} 开工期限${s.startDeadline}`;
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}
