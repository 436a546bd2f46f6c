/**
 * Project names as bureaus write them (company + product + phase + 项目), for benches that read
 * names: every name differs, and many share their pieces, as real districts' do.
 */
const COMPANIES = [
  '华峰',
  '荣信',
  '宁德',
  '中铝',
  '双汇',
  '安井',
  '立中',
  '坚美',
  '兴发',
  '亚铝',
  '信达',
  '药明',
  '复星',
  '华东',
  '贝因美',
  '长安',
  '赛力斯',
  '比亚迪',
  '欣旺达',
  '中宠',
  '中牧',
  '重庆菌旺',
  '浙江中通',
  '陕西果业',
  '西安饮食',
  '武陵',
  '黔江',
  '渝东南',
  '乌江',
  '阿蓬江',
];
const PRODUCTS = [
  '铝深加工',
  '再生铝',
  '预制菜加工',
  '冷链物流',
  '储能电池',
  '生物医药',
  '宠物健康',
  '夜游经济',
  '新材料',
  '智能制造',
  '铝合金轮毂',
  '铝合金门窗',
  '肉牛养殖',
  '魔芋精深加工',
  '羊肚菌深加工',
  '跨境电商产业园',
  '动物疫苗研发',
  '铝棒',
  '光伏组件',
  '锂电材料',
];
const PHASES = ['', '二期', '三期', '扩能', '技改', '配套', '总部', '基地', '示范园'];

/** The i-th name; numbered once the combinations run out, or always with `numbered`. */
export function realisticName(i: number, numbered = false): string {
  const c = COMPANIES[i % COMPANIES.length] as string;
  const product = PRODUCTS[Math.floor(i / COMPANIES.length) % PRODUCTS.length] as string;
  const phase = PHASES[Math.floor(i / (COMPANIES.length * PRODUCTS.length)) % PHASES.length] as string;
  const repeats = i >= COMPANIES.length * PRODUCTS.length * PHASES.length;
  return `${c}${product}${phase}项目${numbered || repeats ? i : ''}`;
}
