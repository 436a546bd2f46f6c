/**
 * What people close a chat message with, after the command is said: punctuation (`。！？～…`) and
 * thanks (`谢谢`, `辛苦了`, `请查收`). None of it is part of a command, a value or a note's content.
 * The words are input people type, matched on the NFKC-folded text (`！` is already `!`).
 */
const CLOSING_MARKS = new Set(['。', '.', '!', '?', '~', '〜', '⋯', ',', ';', '、', ' ', '\n']);

/** Thanks that end a message wherever they stand, even glued to the last value (`类型正式合同谢谢`). */
const THANKS = [
  '谢谢',
  '谢谢啦',
  '谢谢了',
  '谢谢您',
  '谢谢你',
  '谢谢大家',
  '多谢',
  '谢啦',
  '辛苦了',
  '辛苦啦',
  '辛苦您了',
  '麻烦了',
  '麻烦您了',
  '麻烦你了',
  '请查收',
  '收到请回复',
  '请回复',
  '拜托了',
].sort((a, b) => b.length - a.length);

/** Words that also end ordinary sentences (`工作很辛苦`): thanks only after a blank or a mark. */
const THANKS_APART = ['辛苦', '感谢', '麻烦'];

/** A question said with a particle rather than a mark. */
const QUESTION_END = /[吗呢么]$/;

export interface Tail {
  text: string;
  /** A `?` was among what went, or what stays ends with a question particle. */
  asked: boolean;
}

/**
 * Drops closing marks and thanks from the end, repeatedly (`…正式合同，谢谢！`). A `.` right after
 * a Latin letter stays: it ends an abbreviation (`Co., Ltd.`), not the message. A message that is
 * nothing but marks or thanks is left as it is, so it is answered rather than read as empty.
 */
export function trimTail(text: string): Tail {
  let end = text.length;
  let asked = false;
  for (;;) {
    const ch = text[end - 1];
    if (ch !== undefined && CLOSING_MARKS.has(ch) && !(ch === '.' && /[A-Za-z]/.test(text[end - 2] ?? ''))) {
      if (ch === '?') asked = true;
      end--;
      continue;
    }
    const before = text.slice(0, end);
    const thanks =
      THANKS.find((t) => before.endsWith(t)) ??
      THANKS_APART.find((t) => before.endsWith(t) && CLOSING_MARKS.has(before[end - t.length - 1] ?? ''));
    if (thanks && end > thanks.length) {
      end -= thanks.length;
      continue;
    }
    break;
  }
  const kept = text.slice(0, end).trimEnd();
  if (!kept) return { text: text.trim(), asked: /\?/.test(text) || QUESTION_END.test(text) };
  return { text: kept, asked: asked || QUESTION_END.test(kept) };
}
