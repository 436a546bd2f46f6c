import type { Fill } from 'exceljs';
import type { Colour } from '../../core/reply.ts';
import type { Light } from '../../race/lights.ts';

/** Excel's standard colours: solid fills print on a colour printer and stay distinct in grey. */
const FIVE_COLOURS: Record<Colour, string> = {
  green: 'FF92D050',
  blue: 'FF00B0F0',
  yellow: 'FFFFFF00',
  orange: 'FFFFC000',
  red: 'FFFF0000',
};

const LIGHTS: Record<Light, string> = { green: 'FF92D050', yellow: 'FFFFFF00', red: 'FFFF0000' };

export const HEADER_FILL = 'FFD9E1F2';

export function solid(argb: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
}

export function colourFill(c: Colour): Fill {
  return solid(FIVE_COLOURS[c]);
}

export function lightFill(l: Light): Fill {
  return solid(LIGHTS[l]);
}
