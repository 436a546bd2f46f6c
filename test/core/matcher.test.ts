import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { type CommandSpec, defineCommand } from '../../src/core/command.ts';
import { Matcher, TriggerCollisionError } from '../../src/core/matcher.ts';

const matcher = new Matcher(commands);

describe('the matcher picks exactly one command', () => {
  it('has no trigger claimed twice among the real commands', () => {
    expect(() => new Matcher(commands)).not.toThrow();
  });

  it('fails loudly when two commands claim one trigger', () => {
    const base = commands[0] as CommandSpec;
    const a = defineCommand({ ...base, id: 'a', triggers: ['同一个'] });
    const b = defineCommand({ ...base, id: 'b', triggers: ['同一个'] });
    expect(() => new Matcher([a, b])).toThrow(TriggerCollisionError);
  });

  it.each([
    ['登记签约 X 合同额1亿', 'register-signing'],
    ['签约登记 X', 'register-signing'],
    ['新签约 X', 'register-signing'],
    ['登记在谈 X', 'register-negotiation'],
    ['进度 X 已进场', 'add-progress'],
    ['上报进度 X 已进场', 'add-progress'],
    ['问题 X 用地', 'add-problem'],
    ['存在问题 X 用地', 'add-problem'],
    ['撤销', 'undo'],
    ['撤回', 'undo'],
    ['帮助', 'help'],
    ['help', 'help'],
    ['HELP', 'help'],
    ['?', 'help'],
    ['再生铝项目进展如何', 'project-card'],
    ['再生铝进展', 'project-card'],
    ['查询 再生铝', 'project-card'],
  ])('%s → %s', (text, id) => {
    expect(matcher.match(text)?.spec.id).toBe(id);
  });

  it('matches whole phrases, never a substring in the middle', () => {
    expect(matcher.match('取消撤销')).toBeNull();
    expect(matcher.match('你好')).toBeNull();
  });
});
