import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

export default defineCommand({
  id: 'set-chain',
  triggers: ['设置专班', '专班设置'],
  summary: '设置产业链招商专班：链长、牵头单位、成员单位',
  usage: '设置专班 铝产业 链长王建国 牵头单位经济信息委 成员单位工业园区管委会、正阳工业园区',
  examples: ['设置专班 铝产业 链长王建国 牵头单位经济信息委 成员单位工业园区管委会、正阳工业园区'],
  access: 'admin',
  writes: true,
  args: {
    name: field.head('产业链名称'),
    head: field.text('链长', { optional: true }),
    lead: field.text('牵头单位', { synonyms: ['牵头部门'], optional: true }),
    members: field.list('成员单位', { optional: true }),
  },
  handle(args, ctx) {
    const unitId = (name: string) => {
      const unit = ctx.store.unitByName(name);
      if (!unit) throw new UserError(zh.unitUnknown(name));
      return unit.id;
    };
    const previous = ctx.store.chain(args.name);
    const chain = ctx.store.setChain(ctx.meta, {
      name: args.name.replace(/专班$/, ''),
      headName: args.head ?? previous?.headName ?? null,
      leadUnitId: args.lead ? unitId(args.lead) : (previous?.leadUnitId ?? null),
      memberUnitIds: args.members ? args.members.map(unitId) : (previous?.memberUnitIds ?? []),
    });
    return reply('ok', zh.chainSet(chain.name), [
      zh.chainHeadLine(
        chain.headName ?? zh.undecided,
        `${args.lead ?? (chain.leadUnitId ? ctx.store.unit(chain.leadUnitId)?.name : zh.undecided)}`,
      ),
      zh.chainMemberCount(chain.memberUnitIds.length),
    ]);
  },
});
