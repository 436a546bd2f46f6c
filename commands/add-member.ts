import { defineCommand } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { reply } from '../src/core/reply.ts';
import { ROLE_NAMES, ROLE_WORDS } from '../src/domain/roles.ts';
import { field } from '../src/reader/args.ts';
import { zh } from '../src/text/zh.ts';

const ACCOUNT = /^[A-Za-z0-9._@-]{1,64}$/;

export default defineCommand({
  id: 'add-member',
  triggers: ['添加成员', '新增成员'],
  summary: '添加或更新成员（账号是企业微信 userid 或钉钉 staffId）',
  usage: '添加成员 姓名 账号lisi 单位工业园区管委会 角色成员|领导|管理员',
  examples: ['添加成员 李四 账号lisi 单位工业园区管委会 角色成员', '添加成员 张三 账号zhangsan 角色领导'],
  access: 'admin',
  writes: true,
  args: {
    name: field.head('姓名'),
    account: field.text('账号', { synonyms: ['userid', 'staffId', 'ID'] }),
    unit: field.text('单位', { synonyms: ['所属单位'], optional: true }),
    role: field.choice('角色', ROLE_WORDS, { bare: true, default: 'member' }),
  },
  handle(args, ctx) {
    // what WeCom userids and DingTalk userIds are made of: an invisible or look-alike character would
    // make an account no message ever comes from, and slip past the one-district check
    if (!ACCOUNT.test(args.account)) throw new UserError(zh.memberAccountForm(args.account));
    if (ctx.accountElsewhere(args.account)) throw new UserError(zh.memberInOtherDistrict(args.account));
    let unitId: string | null = null;
    if (args.unit !== undefined) {
      const unit = ctx.store.unitByName(args.unit);
      if (!unit) throw new UserError(zh.unitUnknown(args.unit));
      unitId = unit.id;
    } else if (args.role === 'member') {
      throw new UserError(zh.memberNoUnit);
    }
    const { member, created } = ctx.store.upsertMember(ctx.meta, {
      name: args.name,
      account: args.account,
      unitId,
      role: args.role,
    });
    const unitName = unitId ? ctx.store.unit(unitId)?.name : zh.none;
    return reply('ok', zh.memberSaved(created, member.name), [
      zh.memberLine(member.account, `${unitName}`, ROLE_NAMES[member.role]),
      ...(member.status === 'inactive' ? [zh.memberInactiveNote(member.name)] : []),
    ]);
  },
});
