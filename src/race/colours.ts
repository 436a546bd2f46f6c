import type { Colour } from '../core/reply.ts';
import type { RaceSettings } from './settings.ts';

const ORDER: Colour[] = ['green', 'blue', 'yellow', 'orange', 'red'];

export const COLOUR_WORD: Record<Colour, string> = {
  green: '绿',
  blue: '蓝',
  yellow: '黄',
  orange: '橙',
  red: '红',
};
export const COLOUR_SQUARE: Record<Colour, string> = {
  green: '🟩',
  blue: '🟦',
  yellow: '🟨',
  orange: '🟧',
  red: '🟥',
};

/**
 * The band of a ratio r (actual ÷ 序时进度): by default ≥100% 绿, 90% 蓝, 70% 黄, 50% 橙, else 红.
 * With the scale reversed (红高), the best band is 红 and the worst 绿.
 */
export function colourFor(r: number, settings: Pick<RaceSettings, 'bands' | 'direction'>): Colour {
  // compare in tenths of a per mille so that 0.9 computed as 0.8999999 still lands on its band
  const x = Math.round(r * 1e6);
  const band = settings.bands.findIndex((edge) => x >= Math.round(edge * 1e6));
  const index = band < 0 ? 4 : band;
  return (settings.direction === 'green-high' ? ORDER : [...ORDER].reverse())[index] as Colour;
}

export function colourLabel(c: Colour): string {
  return `${COLOUR_SQUARE[c]}${COLOUR_WORD[c]}`;
}
