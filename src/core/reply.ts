import { zh } from '../text/zh.ts';

/** The five colours of the horse race, plus neutral. */
export type Colour = 'green' | 'blue' | 'yellow' | 'orange' | 'red';

export type Tone = 'ok' | 'info' | 'warn' | 'error' | 'question';

export type Line = string | { text: string; emphasis?: boolean; colour?: Colour };

/**
 * What a handler answers, independent of any platform. Renderers turn it into WeCom or DingTalk
 * markdown, or plain text, and split it at each platform's size limit.
 */
export interface Reply {
  tone: Tone;
  title: string;
  lines: Line[];
  table?: { headers: string[]; rows: string[][] };
  /** The right form to use, shown under a refusal. */
  hint?: string;
  /** A five-colour picture to send beside the text (as of a date), where the platform can. */
  picture?: { title: string; asOf: string; ledger?: string };
  /** Messages that follow this one, each rendered whole after a divider (a push previewed as it is sent). */
  more?: Reply[];
}

/** The divider between a reply and the messages in its `more`. */
export const MORE_DIVIDER = zh.moreDivider;

export function reply(tone: Tone, title: string, lines: Line[] = [], extra: Partial<Reply> = {}): Reply {
  return { tone, title, lines, ...extra };
}
