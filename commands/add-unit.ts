import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { UNIT_TYPE_WORDS } from '../src/domain/labels.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'add-unit',
  triggers: ['添加单位', '新增单位'],
  summary: '添加责任单位（部门、镇街、园区、驻外招商组）',
  usage: '添加单位 单位名称 类型部门|镇街|园区|驻外招商组|其他',
  examples: ['添加单位 工业园区管委会 类型园区'],
  access: 'admin',
  writes: true,
  args: {
    name: field.head('单位名称'),
    type: field.choice('单位类型', UNIT_TYPE_WORDS, { synonyms: ['类型'], bare: true }),
  },
  handle(args, ctx) {
    const unit = ctx.store.addUnit(ctx.meta, { name: args.name, type: args.type });
    return reply('ok', zh.unitAdded(unit.name, unit.type), [zh.unitAddMembers(unit.name)]);
  },
});
