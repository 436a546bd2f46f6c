import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { CONTRACT_TYPE_WORDS } from '../src/domain/labels.ts';
import { formatWan } from '../src/domain/money.ts';
import { field, PROJECT_KEYS } from '../src/reader/args.ts';
import { projectDetails, projectFields } from '../src/reader/project-fields.ts';
import { PROJECT_FIELD_NAMES } from '../src/text/zh/project-field-names.ts';
import { zh } from '../src/text/zh.ts';
import type { ProjectPatch } from '../storage/store.ts';
import { editTrip, TRIP_ID, tripFields } from './edit-trip.ts';

const TRIP_FIELDS = Object.keys(tripFields) as Array<keyof typeof tripFields>;

/** The fields 修改 lists as changed, by the names every change listing uses. */
const LABELS: Record<string, string> = {
  ...Object.fromEntries(
    ['name', 'investor', 'chain', 'unitId', 'leaderName', 'ownerName', 'investmentWan', 'major'].map((k) => [
      k,
      PROJECT_FIELD_NAMES[k] as string,
    ]),
  ),
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
  args: {
    // 名称 and 项目名称 stay the rename field below: a command's own keys win over head keys
    ref: field.head('项目编号或名称', undefined, [...PROJECT_KEYS, '项目编号', '编号']),
    ...projectFields,
    name: field.text('名称', { synonyms: ['项目名称'], optional: true }),
    amount: field.amount('合同额', { synonyms: ['正式合同额'], optional: true }),
    type: field.choice('合同类型', CONTRACT_TYPE_WORDS, { synonyms: ['类型'], optional: true }),
    signingDate: field.pastDate('签约日期', { optional: true }),
    deadline: field.date('约定开工期限', { synonyms: ['开工期限'], optional: true }),
    major: field.choice('重大', { 是: 'yes', 否: 'no' } as Record<string, 'yes' | 'no'>, {
      synonyms: ['重大项目'],
      optional: true,
    }),
    ...tripFields,
  },
  handle(args, ctx) {
    if (TRIP_ID.test(args.ref)) return editTrip(args, ctx);
    if (TRIP_FIELDS.some((k) => args[k] !== undefined)) throw new UserError(zh.tripFieldsOnProject);
    const project = ctx.project(args.ref, 'write');
    const patch: ProjectPatch = {};
    if (args.name !== undefined) patch.name = args.name;
    Object.assign(patch, projectDetails(args));
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
        return zh.change(`${LABELS[k as string]}`, shown(unitName(before[k])), shown(unitName(after[k])));
      });
    return reply('ok', zh.projectEdited(after.id, after.name), [...changed, ctx.undoHint]);
  },
});

function show(v: unknown): string {
  if (v === null || v === undefined) return zh.emptyValue;
  if (typeof v === 'object') {
    const s = v as { type?: string; date?: string; amountWan?: number; startDeadline?: string };
    return `${s.type} ${s.date} ${formatWan(s.amountWan ?? 0)} 开工期限${s.startDeadline}`;
  }
  if (typeof v === 'boolean') return zh.yesNo(v);
  return String(v);
}
