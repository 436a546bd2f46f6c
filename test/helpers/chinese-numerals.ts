/** Writes an integer the way a person writes it in Chinese numerals, for round-trip tests. */

const DIGIT = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const SMALL = ['', '十', '百', '千'];
const FINANCIAL: Record<string, string> = {
  一: '壹',
  二: '贰',
  三: '叁',
  四: '肆',
  五: '伍',
  六: '陆',
  七: '柒',
  八: '捌',
  九: '玖',
  十: '拾',
  百: '佰',
  千: '仟',
};

/** One group below 10000: 三千零五, 十二 (at the very start), 一十二 (after 零). */
function group(n: number, first: boolean): string {
  let out = '';
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += p === 1 && d === 1 && first && !out ? SMALL[1] : `${DIGIT[d]}${SMALL[p]}`;
  }
  return out;
}

/** Standard form: 一亿零五万, 三亿五千万, 十二万. n below 10^12. */
export function chineseNumeral(n: number): string {
  if (n === 0) return '零';
  const groups: Array<[number, string]> = [
    [Math.floor(n / 1e8), '亿'],
    [Math.floor(n / 1e4) % 1e4, '万'],
    [n % 1e4, ''],
  ];
  let out = '';
  let zero = false;
  for (const [g, unit] of groups) {
    if (g === 0) {
      if (out) zero = true;
      continue;
    }
    if (out && (zero || g < 1000)) out += '零';
    zero = false;
    out += group(g, !out) + unit;
  }
  return out;
}

/** The same number in financial numerals (壹亿贰仟万). */
export function financial(s: string): string {
  return [...s].map((c) => FINANCIAL[c] ?? c).join('');
}

/** 两 for a leading 二 before 千, 百, 万 or 亿 (两千万, 两亿), as people say it. */
export function withLiang(s: string): string {
  return s.replace(/(^|[万亿零])二(?=[千百万亿])/g, '$1两');
}
