import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { UNIT_TYPE_WORDS } from '../src/domain/labels.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'edit-unit',
  triggers: ['修改单位', '单位改名'],
  summary: '修改单位的名称或类型（项目、成员、目标、群绑定都按单位编号关联，随之更新）',
  usage: '修改单位 单位名称 [名称新名称] [类型部门|镇街|园区|驻外招商组|其他]',
  examples: ['修改单位 工业园区管委会 名称高新区管委会', '修改单位 经济信息委 类型部门'],
  access: 'admin',
  writes: true,
  args: {
    unit: field.head('单位名称'),
    name: field.text('新名称', { synonyms: ['名称'], optional: true }),
    type: field.choice('单位类型', UNIT_TYPE_WORDS, { synonyms: ['类型'], bare: true, optional: true }),
  },
  handle(args, ctx) {
    const unit = ctx.store.unitByName(args.unit);
    if (!unit) throw new UserError(zh.unitUnknown(args.unit));
    if (args.name === undefined && args.type === undefined) throw new UserError(zh.unitNothingToPatch);
    const { before, after } = ctx.store.updateUnit(ctx.meta, unit.id, {
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.type !== undefined ? { type: args.type } : {}),
    });
    return reply('ok', zh.unitEdited(after.name), [
      ...(before.name !== after.name ? [zh.change('名称', before.name, after.name)] : []),
      ...(before.type !== after.type ? [zh.change('类型', before.type, after.type)] : []),
      zh.unitLinkedById,
      ctx.undoHint,
    ]);
  },
});
