import { z } from 'zod';
import { isUserError } from '../core/errors.ts';
import { zh } from '../text/zh.ts';
import { parseAmount } from './amount.ts';
import { parseDate, parsePastDate } from './date.ts';
import { stripQuotes } from './tokens.ts';

/** Turns a reader function's UserError into a zod issue, so one schema reports every problem at once. */
function reading<T>(read: (s: string) => T) {
  return (s: string, ctx: z.core.$RefinementCtx<string>): T => {
    try {
      return read(s);
    } catch (e) {
      if (!isUserError(e)) throw e;
      ctx.addIssue({ code: 'custom', message: e.message });
      return z.NEVER;
    }
  };
}

const text = (label: string) => z.string({ error: zh.fieldMissing(label) });

export const field = {
  text: (label: string) =>
    text(label)
      .transform((s) => stripQuotes(s))
      .pipe(z.string().min(1, zh.fieldEmpty(label))),
  amount: (label: string) => text(label).transform(reading(parseAmount)),
  date: (label: string, now: Date) => text(label).transform(reading((s) => parseDate(s, now))),
  pastDate: (label: string, now: Date) => text(label).transform(reading((s) => parsePastDate(s, now))),
  list: (label: string) =>
    z
      .array(z.string(), { error: zh.fieldMissing(label) })
      .transform((xs) => xs.map(stripQuotes).filter(Boolean))
      .pipe(z.array(z.string()).min(1, zh.fieldEmpty(label))),
};

/** One of fixed options, each with the words people use for it; a miss lists the valid ones. */
export function choice<T extends string>(label: string, options: Record<string, T>) {
  return text(label).transform((s, ctx) => {
    const key = s.trim();
    if (Object.hasOwn(options, key)) return options[key] as T;
    ctx.addIssue({ code: 'custom', message: zh.enumUnknown(label, s, [...new Set(Object.values(options))]) });
    return z.NEVER;
  });
}

export function acceptsChoice(options: Record<string, unknown>) {
  return (token: string) => Object.hasOwn(options, token.trim());
}
