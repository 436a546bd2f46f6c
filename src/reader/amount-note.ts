import { formatWan, type Wan } from '../domain/money.ts';
import { zh } from '../text/zh.ts';
import { qualifierOf } from './amount.ts';

/**
 * An amount written with 约/近/超过… is recorded as its number; what was said is kept as a note
 * beside it (「合同额原话「约5亿」，按 5亿元 记录。」). Null when the amount was written plainly.
 */
export function amountAsWritten(label: string, said: string | undefined, wan: Wan): string | null {
  return said !== undefined && qualifierOf(said) ? zh.amountAsWritten(label, said, formatWan(wan)) : null;
}
