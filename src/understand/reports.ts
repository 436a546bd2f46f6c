import { CONTRACT_TYPE_WORDS, PROBLEM_WORDS, START_TYPE_WORDS } from '../domain/labels.ts';
import { qualifierOf } from '../reader/amount.ts';
import type { RawArgs } from '../reader/fields.ts';
import { NOT_MONEY_AFTER } from '../reader/find-amounts.ts';
import { MAX_NAME_CHARS } from '../reader/limits.ts';
import { DATE_HINTS, EVENT_CUES, FILLERS, FUTURE_DAYS, NEGATIONS, VAGUE_DATES } from './cues.ts';
import { knownProjectIn, type Lookup, leaderIn, leadingProjectIn, projectsNamedBy } from './mentions.ts';
import { type AmountSpan, amountsIn, datesIn, type Span } from './spans.ts';

/** One way to read a sentence as a report: the command it is and its arguments as the command reads them. */
export interface Reading {
  command: string;
  raw: RawArgs;
}

export type ReportReading = { kind: 'one'; reading: Reading } | { kind: 'several'; readings: Reading[] };

interface Cue extends Span {
  command: string;
  strength: number;
}

const BLANK = '\u0001';

/** The text with the given spans blanked out, so what remains can be read for names and notes. */
function without(text: string, spans: ReadonlyArray<Span>): string {
  const chars = [...text];
  // spans are in UTF-16 offsets; every character the reader cares about is one unit
  for (const s of spans) for (let i = s.start; i < s.end && i < chars.length; i++) chars[i] = BLANK;
  return chars.join('');
}

function cuesIn(text: string, masked: string): Cue[] {
  const out: Cue[] = [];
  for (const { command, words, strength } of EVENT_CUES) {
    for (const word of words) {
      let at = masked.indexOf(word);
      while (at >= 0) {
        const before = text.slice(Math.max(0, at - 3), at);
        const denied = NEGATIONS.some((n) => before.endsWith(n)) && !['不来了', '不投了'].includes(word);
        if (!denied) out.push({ start: at, end: at + word.length, command, strength });
        at = masked.indexOf(word, at + word.length);
      }
    }
  }
  return out;
}

/** The strongest reports a sentence's cues point to: one, or several equally strong to choose from. */
function strongest(cues: ReadonlyArray<Cue>): string[] {
  const top = Math.max(...cues.map((c) => c.strength));
  return [...new Set(cues.filter((c) => c.strength === top).map((c) => c.command))];
}

/** How people start talking before they name the project (「喂那个门窗项目啊…」). */
const SPOKEN = /^(?:喂|哎|嗯|呃|哦|诶|那个|这个|就是|应该是|是|不对|咱们|我们|关于|对了)+/u;

/**
 * A new project's name as a ledger clerk would write it: a plain name ending in 项目/工程, with
 * nothing of speech in it. Anything else is asked about before a project is created.
 */
export function cleanNewName(name: string): boolean {
  return (
    /^[\u4e00-\u9fa5A-Za-z0-9（）()·.\- ]{2,58}(?:项目|工程)$/u.test(name) &&
    !/那个|这个|一个|个新|的项目|啊|呢|吧|喂|嗯|今天|昨天|刚刚|已经|签|开工|到位|在谈/u.test(name)
  );
}

/** When something was said to happen, as a whole word before a name or a company. */
const WHEN = /今天|昨天|上午|下午|中午|晚上|早上|刚刚|刚才/u;

/** A run of whole words from `words` and `WHEN` at the start of a text. */
const leading = (words: RegExp) => new RegExp(`^(?:${words.source}|${WHEN.source})+`, 'u');

/**
 * Words that can stand before a name but never begin one. Only whole words: a single character such
 * as 再 or 现 begins real names (再生铝, 现代物流), so cutting it would record the wrong project.
 */
const PARTICLES = leading(/有个|有一个|新来一个|新来了|一个|新的|已经|我们|我单位|我局|本单位|目前|现在/u);
/** Words that can follow a name before the event (「华峰铝业已签约」): whole words, or 的/了/已/于 alone. */
const TRAILING =
  /(?:的|了|已|已经|已于|于|也|都|又|还|再|正式|顺利|成功|终于|正在|今天|今日|昨天|前天|刚刚|刚才|目前|现在)+$/u;

function tidyName(s: string): string {
  let name = s.replace(new RegExp(BLANK, 'g'), ' ').trim();
  for (const f of FILLERS) name = name.split(f).join(' ');
  name = name.replace(/\s+/g, ' ').trim();
  // the last piece before the event is the name: 「今天 和宁德时代」 → 「和宁德时代」
  const pieces = name.split(' ').filter(Boolean);
  name = (pieces[pieces.length - 1] ?? '').replace(PARTICLES, '').replace(TRAILING, '');
  return name;
}

/** A new or shortened project name: the 「…项目」 written in the sentence, else what stands before the event. */
function nameIn(masked: string, firstCue: number): string | null {
  // the whole run up to 项目: a shorter bound cut a long name to its last characters and recorded that
  const named = new RegExp(
    `([\\u4e00-\\u9fa5A-Za-z0-9.·()（）-]{2,${MAX_NAME_CHARS * 2}}?(?:项目|工程))`,
    'gu',
  );
  for (const m of masked.matchAll(named)) {
    let name = m[1] as string;
    // the run may start with the event or a preposition: 「签了新能源电池项目」 → 新能源电池项目
    let afterEvent = false;
    for (const { words } of EVENT_CUES) {
      for (const w of words) {
        const at = name.lastIndexOf(w);
        if (at >= 0) {
          name = name.slice(at + w.length);
          afterEvent = true;
        }
      }
    }
    // 「签订了精密轴承项目」「签了个硅材料项目」: the aspect word and the measure word after the event
    // say it happened and count the project; neither begins its name
    if (afterEvent) name = name.replace(/^了?个?/u, '');
    // 「蓝海物流投的冷链物流园项目」「由X投资建设的…」: who invested is said before 投(资)的, the project after it
    const invested = [...name.matchAll(/投资?(?:建设|兴建)?的/gu)].pop();
    if (invested) name = name.slice(invested.index + invested[0].length);
    // 「X有限公司的…项目」「X集团那个…项目」: a company's project, said with its company in front
    name = name.replace(/^.*(?:公司|集团|企业)(?:的|那个|这个)(?=.{2,}(?:项目|工程)$)/u, '');
    // 「跟宏达化工把硅材料的项目签了」: what 把 takes is the project; who and when come before it
    // (把 stands in no name people give a project but 火把节's, unlike 和, 同 or 将)
    const taken = [...name.matchAll(/(?<!火)把/gu)].pop();
    if (taken) name = name.slice(taken.index + 1);
    for (const f of FILLERS) if (name.endsWith(f)) name = name.slice(0, -f.length);
    name = name
      .replace(SPOKEN, '')
      .replace(PARTICLES, '')
      // 「项目叫…」「项目名称是…」「名称是…」
      .replace(/^(?:项目)?(?:名称|叫)(?:是|为)?|^项目(?:是|为)/u, '')
      // 「跟润泽制药的中药饮片项目」: the company the project is with, then the project
      .replace(/^(?:跟|与)[^的]{2,30}?的(?=.{2,}(?:项目|工程)$)/u, '')
      .replace(/的(项目|工程)$/u, '$1');
    if (/^(?:这个|那个|该|此|本|新|新的|一个|个|个新)*(?:项目|工程)$/u.test(name) || name.length < 3)
      continue;
    return name;
  }
  const before = tidyName(masked.slice(0, firstCue));
  return before.length >= 2 ? before : null;
}

function typeIn<T extends string>(
  text: string,
  words: Record<string, T>,
  allowed: readonly string[],
): T | undefined {
  for (const w of [...allowed].sort((a, b) => b.length - a.length)) if (text.includes(w)) return words[w];
  return undefined;
}

const CONTRACT_WORDS_IN_PROSE = ['正式合同', '框架协议', '意向协议', '意向书'];
const START_WORDS_IN_PROSE = ['建安类', '建安', '设备购置类', '设备购置', '设备类', '开业类'];

function amountFor(amounts: AmountSpan[], keys: RegExp, avoid: RegExp): AmountSpan | undefined {
  return amounts.find((a) => a.key && keys.test(a.key)) ?? amounts.find((a) => !a.key || !avoid.test(a.key));
}

/** Who invests, as prose names them: 「投资方是X」「与X签」「X与我区签订」「X投」. */
const INVESTOR = [
  /(?:投资方|投资主体|签约方|签约企业|对方|合作方|企业方)(?:是|为|:|：)?\s*([A-Za-z][A-Za-z0-9&.,' -]*[A-Za-z.]|[^，,。；;\s]{2,40}?)(?=[，,。；;\s]|$|投资|签)/u,
  /([^，,。；;\s与和同跟]{2,30}?)(?:与|和|同|跟)(?:我区|我委|我局|我县|我们|区政府|园区|管委会)/u,
  /[（(]([^）)，,。；;\s]{2,30}?)(?:投资|投)[）)]/u,
  /([^，,。；;\s\d]{2,30}?(?:公司|集团|企业))(?:的|那个|这个)(?=[^，,。；;\s]{2,40}?(?:项目|工程))/u,
  /(?:与|跟)([^，,。；;\s的签]{2,30}?)的(?=[^，,。；;\s]{2,40}?(?:项目|工程))/u,
  /(?:与|和|同|跟)([^，,。；;\s]{2,40}?)(?=于|在|就|把|正式签|签|达成|洽谈|对接|接洽|在谈)/u,
  /([^，,。；;\s\d]{2,30}?)投资?(?:建设|兴建)?的(?=[^，,。；;\s]{2,40}?(?:项目|工程))/u,
  /([^，,。；;\s]{2,20}?)(?:来)?投(?:资)?(?:的)?(?=[，,。；;]|$)/u,
];

/** Words that name us, not the investor. */
const US = /^(?:我区|我委|我局|我县|我们|区政府|园区|管委会|经双方友好协商)/u;

/** What is said in place of an investor not yet known or not to be told. */
const NOT_NAMED = /保密|待定|未定|暂不|还没|没定|不让说|不公开|未公开|尚未|确定中|不便透露/u;

/** Words before who signed that are not part of it: 「由X投资」「下午跟X签了」. */
const BEFORE_WHO = leading(/由|是|把|跟|和|与/u);

function investorIn(written: string): string | undefined {
  // a time of day (「下午3点浙江晟辉…」) is no part of who signed
  const text = written.replace(/\d{1,2}(?:点|:|：)(?:\d{1,2}分?|半)?/gu, '，');
  for (const p of INVESTOR) {
    const m = p.exec(text);
    const said = m?.[1]?.trim();
    if (!said) continue;
    // 「投资方还保密」「投资方：/」: the sentence says there is none to record yet
    if (NOT_NAMED.test(said) || !/\p{L}{2}/u.test(said)) return undefined;
    const who = said
      // 「和宏达化工又签了」「投资方杭州星川机器人有限公司🎉」: what follows the name is not part of it
      .replace(/[^\p{L}\p{N}）)]+$/u, '')
      .replace(TRAILING, '')
      .replace(BEFORE_WHO, '');
    if (who && !/项目$/u.test(who) && !US.test(who) && !/\d/u.test(who)) return who;
  }
  return undefined;
}

function evidenceIn(text: string): string | undefined {
  const m =
    /(?:凭证|依据)(?:是|为|:|：)?([^，,。；;\s()（）]{2,20})/u.exec(text) ??
    /(?:附|附上|凭|提供了?)([^，,。；;\s()（）]{0,8}(?:回单|凭证|验资报告|进账单|到账证明|对账单))/u.exec(
      text,
    ) ??
    /(银行回单|银行进账单|转账凭证|验资报告|进账单|到账证明|银行对账单|回单)/u.exec(text);
  return m?.[1];
}

/** The words a problem is told in, by category (the command form's PROBLEM_WORDS plus prose). */
const PROBLEM_PROSE: Array<[RegExp, string]> = [
  [/环评|审批|许可|备案|审查|手续|批复|批文|报批|验收|证照|施工许可/u, '审批'],
  [/用地|土地|选址|规划|拆迁|征地|地块|出让|指标/u, '土地'],
  [/资金|融资|贷款|资金链|垫资|到位慢/u, '资金'],
  [/政策|补贴|优惠|电价|奖励|兑现|税收/u, '政策'],
];

function problemCategoryIn(text: string): string | undefined {
  // a category written as its own word (「问题 其他 企业法人变更手续办理中」) is the person's choice
  const named = /(?:^|[\s,，:：])(资金|土地|政策|审批|其他|其它)(?=$|[\s,，])/u.exec(text)?.[1];
  if (named) return PROBLEM_WORDS[named];
  let best: { at: number; category: string } | null = null;
  for (const [words, category] of PROBLEM_PROSE) {
    const at = text.search(words);
    if (at >= 0 && (!best || at < best.at)) best = { at, category };
  }
  if (best) return best.category;
  const word = Object.keys(PROBLEM_WORDS).find((w) => text.includes(w));
  return word ? PROBLEM_WORDS[word] : undefined;
}

/** The free text of a note: the sentence without the project's name and what only points at it. */
function noteOf(text: string, project: Span | null): string {
  const rest = project ? `${text.slice(0, project.start)}${text.slice(project.end)}` : text;
  return rest
    .replace(/^[\s，,。；;：:]+/u, '')
    .replace(/^(?:那个项目|这个项目|该项目|项目(?=[\s，,：:]))[\s，,：:]*/u, '')
    .replace(/[\s，,；;]+$/u, '')
    .trim();
}

function tripIn(original: string, lookup: Lookup, dates: ReturnType<typeof datesIn>): RawArgs {
  const raw: RawArgs = {};
  const text = without(original, dates).replace(new RegExp(BLANK, 'g'), ' ');
  const where =
    /(?:赴|到|去|前往)([\u4e00-\u9fa5]{2,8}?)(?=外出|招商|考察|拜访|走访|开展|对接|洽谈|参加|学习|，|,|。|\s|$)/u.exec(
      text,
    );
  if (where?.[1]) raw.destination = where[1];
  const leader =
    /带队[:：]?([\u4e00-\u9fa5]{2,5}?)(?=[，,。\s]|赴|到|去|前往|$)/u.exec(text) ??
    /([\u4e00-\u9fa5]{2,5}?)带队/u.exec(text.replace(/^.*?(?:上周|本周|这周|周)[一二三四五六日天]/u, ''));
  const named = leaderIn(text, lookup) ?? leader?.[1];
  if (named) raw.leader = named;
  // the companies follow the last meeting verb (「考察，对接了通威集团、新希望乳业」)
  const verbs = [...text.matchAll(/(?:拜访|对接|考察|走访|洽谈|见了|会见|约见)(?:了)?(?:企业)?[:：]?/gu)];
  const last = verbs[verbs.length - 1];
  const met = last ? text.slice((last.index ?? 0) + last[0].length).split(/[。；;]/u)[0] : undefined;
  if (met) {
    const latin = /[A-Za-z]/u.test(met);
    const list = met
      .replace(/(?:等)?(?:[0-9一二两三四五六七八九十]+家)?(?:企业|公司)?(?:负责人|高管)?[。!！]*$/u, '')
      .replace(/(?:[0-9一二两三四五六七八九十]+家)(?:企业|公司)?$/u, '')
      .split(latin ? /[、]|和|及|与/u : /[、,，\s]|和|及|与/u)
      .map((s) => s.replace(/^(?:了|等)/u, '').trim())
      .filter((s) => s.length >= 2);
    if (list.length) raw.enterprises = list;
  }
  if (dates[0]) raw.date = dates[0].date;
  return raw;
}

/**
 * Reads a report written as a sentence, with no command word: which report it is by its event
 * words, and the fields wherever they stand. Null when no event is named.
 */
export function readReport(text: string, now: Date, lookup: Lookup): ReportReading | null {
  const amounts = amountsIn(text);
  const dates = datesIn(text, now);
  const known = knownProjectIn(text, lookup) ?? leadingProjectIn(text, lookup, openingAfter(text, dates));
  const vague = [VAGUE_DATES, FUTURE_DAYS].flatMap((words) => {
    const m = words.exec(text);
    return m ? [{ start: m.index, end: m.index + m[0].length }] : [];
  });
  const masked = without(text, [...(known ? [known] : []), ...amounts, ...dates, ...vague]);
  // an amount's label may be the event itself (「到位资金4000万」), so cues are read with amounts left in
  const cues = cuesIn(text, without(text, [...(known ? [known] : []), ...dates]));
  // money with no event word (「轻量化 建安类 3000万 银行回单」) could be several reports: not news, not guessed
  if (!cues.length) return amounts.length ? null : progressOnly(text, masked, known, lookup);
  // 「设备已采购到位」 is not money: funds in place come with an amount
  const hasAmount =
    amounts.length > 0 || bareAmount(text, /./u) !== undefined || moneyIn(masked) !== undefined;
  const usable = cues.filter(
    (c) =>
      c.command !== 'add-instalment' ||
      hasAmount ||
      !['到位', '到了'].includes(text.slice(c.start, c.end)) ||
      /一笔|回单|凭证|资金/u.test(text),
  );
  if (!usable.length) return progressOnly(text, masked, known, lookup);
  let commands = strongest(usable);
  // a trip is about places and companies; with a known project named, 考察/拜访 is progress on it
  if (known && commands.includes('add-trip')) commands = commands.filter((c) => c !== 'add-trip');
  if (!commands.length) commands = ['add-progress'];
  const firstCue = Math.min(...usable.map((c) => c.start));
  // 「第二轮商务谈判已完成」 on a project already in the ledger is news on it, not a new 在谈 project
  if (known) commands = commands.map((c) => (c === 'register-negotiation' ? 'add-progress' : c));
  commands = [...new Set(commands)];
  let readings = commands.map((command) =>
    readingFor(command, { text, masked, known, amounts, dates, firstCue, lookup }),
  );
  // a trip names where it went; without that, 考察/拜访 is what happened on a project
  if (readings.some((r) => r.command === 'add-trip' && r.raw.destination === undefined)) {
    readings = readings.filter((r) => r.command !== 'add-trip');
    if (!readings.length)
      readings = [readingFor('add-progress', { text, masked, known, amounts, dates, firstCue, lookup })];
  }
  return readings.length === 1
    ? { kind: 'one', reading: readings[0] as Reading }
    : { kind: 'several', readings };
}

/**
 * A statement about one project that names no event (「肉奶牛项目企业已在我区注册成立子公司」) is news
 * on it: a progress note, when the project is known and there is something to note.
 */
function progressOnly(
  text: string,
  masked: string,
  known: ReturnType<typeof knownProjectIn>,
  lookup: Lookup,
): ReportReading | null {
  let project = known;
  if (!project) {
    const name = /([\u4e00-\u9fa5A-Za-z0-9]{2,30}?(?:项目|工程))/u.exec(masked)?.[1];
    const named = name ? projectsNamedBy(name, lookup, 2) : [];
    const at = name ? masked.indexOf(name) : -1;
    if (!named.length || at < 0 || !name) return null;
    project = { start: at, end: at + name.length, projects: named };
  }
  const note = noteOf(text, project);
  // 「类型建安类 日期11月20日」 is a command's fields without its command word, not news
  if (
    [...note].length < 4 ||
    /(?:^|\s)(?:类型|日期|合同额|金额|凭证|投资方|投资额|带队|对接企业|原因)[:：]?\S/u.test(note)
  )
    return null;
  // several projects share the name: the command asks which, the note kept
  const [only] = project.projects;
  const name = project.projects.length === 1 && only ? only.id : text.slice(project.start, project.end);
  return { kind: 'one', reading: { command: 'add-progress', raw: { name, note } } };
}

/**
 * The fields of a command written in a reply to a question (「6000万，银行回单」): what the reply adds
 * beside the value asked for.
 */
export function fieldsIn(command: string, text: string, now: Date, lookup: Lookup): RawArgs {
  const amounts = amountsIn(text);
  const dates = datesIn(text, now);
  const {
    name: _name,
    headQuoted: _quoted,
    ...fields
  } = readingFor(command, {
    text,
    masked: without(text, [...amounts, ...dates]),
    known: null,
    amounts,
    dates,
    firstCue: 0,
    lookup,
  }).raw;
  return fields;
}

/** Where a sentence's own words begin: after a date or a spoken opening it starts with (「大前天交通工具轻量化…」). */
function openingAfter(text: string, dates: ReadonlyArray<Span>): number {
  let at = 0;
  for (const d of [...dates].sort((a, b) => a.start - b.start))
    if (d.start <= at + 1) at = Math.max(at, d.end);
  const rest = text.slice(at);
  const spoken =
    /^[\s,，]*(?:喂|哎|嗯|那个|这个|就是|报告一下[:：]?|补报一下[:：]?)*[\s,，]*/u.exec(rest)?.[0] ?? '';
  return at + spoken.length;
}

interface Sentence {
  text: string;
  masked: string;
  known: ReturnType<typeof knownProjectIn>;
  amounts: AmountSpan[];
  dates: ReturnType<typeof datesIn>;
  firstCue: number;
  lookup: Lookup;
}

function projectArg(s: Sentence, mayBeNew: boolean): RawArgs {
  if (s.known) {
    const [only] = s.known.projects;
    return s.known.projects.length === 1 && only
      ? { name: only.id }
      : { name: s.text.slice(s.known.start, s.known.end) };
  }
  const name = nameIn(s.masked, s.firstCue);
  if (!name || [...name].length > MAX_NAME_CHARS * 2) return {};
  const named = projectsNamedBy(name, s.lookup, 2);
  const [only] = named;
  if (named.length === 1 && only) return { name: only.id };
  if (named.length > 1) return { name };
  if (!mayBeNew) return { name };
  // a name read from speech that does not look like a clerk's is confirmed before a project is made
  return cleanNewName(name) ? { name, headQuoted: 'yes' } : { name, headQuoted: 'yes', [UNSURE_NAME]: 'yes' };
}

/** Marks a new project's name the reader is not sure of: the bot asks before creating it. */
export const UNSURE_NAME = 'nameUnsure';

/** The amount for the command: as written when it carries a qualifier (kept as a note), else exactly in 万. */
function amountText(amount: AmountSpan): string {
  return qualifierOf(amount.raw) ? amount.raw : `${amount.wan}万`;
}

/** An amount written with its label but no unit (「合同额50000」): kept as written, so the bot asks for the unit. */
function bareAmount(text: string, keys: RegExp): string | undefined {
  const m =
    /(合同额|合同金额|签约额|金额|投资额|总投资|到位资金|到位|到账)(?:了|共)?[:：是为]?\s*([0-9][0-9,.]*(?![0-9.,]*\s*(?:个?亿|万|元|千|百|年|月|日|号|吨|%))|[零〇一二两三四五六七八九十百千]+(?![零〇一二两三四五六七八九十百千万亿元吨]))/u.exec(
      text,
    );
  return m?.[1] && keys.test(m[1]) ? m[2] : undefined;
}

/**
 * Money written in a form the finder refused (「0元」, 「999999亿」): passed on as written, so the
 * command says what is wrong with it instead of the report being read as something else.
 */
function moneyIn(masked: string): string | undefined {
  const m =
    /[-−负]?[0-9零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟][0-9零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点.,]*\s*(?:个亿|亿元|亿|万元|万|元)/u.exec(
      masked,
    );
  // 「年产50万吨」 is not money the finder refused: it is no money at all
  if (!m || NOT_MONEY_AFTER.test(masked.slice(m.index + m[0].length))) return undefined;
  return m[0];
}

function readingFor(command: string, s: Sentence): Reading {
  const { text, amounts, dates } = s;
  // a date that names no one day is passed on as written, so the command asks which day
  // a day the reader cannot place, anywhere in the sentence, is asked about — even beside one it can
  // (「10月最后一天到位的4500万，今天补报一下」 is not dated today)
  const unplaced =
    VAGUE_DATES.exec(text)?.[0] ??
    DATE_HINTS.exec(without(text, [...(s.known ? [s.known] : []), ...amounts, ...dates]))?.[0];
  const date = unplaced ?? dates[0]?.date ?? FUTURE_DAYS.exec(text)?.[0];
  const raw: RawArgs = {};
  const put = (key: string, value: string | string[] | undefined) => {
    if (value !== undefined) raw[key] = value;
  };
  switch (command) {
    case 'register-signing': {
      Object.assign(raw, projectArg(s, true));
      const amount = amountFor(amounts, /合同|签约|金额/u, /投资|到位|到账/u);
      put('amount', amount ? amountText(amount) : (bareAmount(text, /合同|签约|金额/u) ?? moneyIn(s.masked)));
      put('type', typeIn(text, CONTRACT_TYPE_WORDS, CONTRACT_WORDS_IN_PROSE));
      put('date', date);
      put('investor', investorIn(text));
      break;
    }
    case 'register-negotiation': {
      Object.assign(raw, projectArg(s, true));
      const amount = amountFor(amounts, /投资/u, /合同|到位|到账/u);
      put('investment', amount ? amountText(amount) : undefined);
      put('investor', investorIn(text));
      put('date', date);
      break;
    }
    case 'register-start':
      Object.assign(raw, projectArg(s, false));
      put('type', typeIn(text, START_TYPE_WORDS, START_WORDS_IN_PROSE));
      put('date', date);
      break;
    case 'add-instalment': {
      Object.assign(raw, projectArg(s, false));
      const amount = amountFor(amounts, /到位|到账|金额/u, /合同|投资/u);
      put('amount', amount ? amountText(amount) : (bareAmount(text, /到位|到账|金额/u) ?? moneyIn(s.masked)));
      put('evidence', evidenceIn(text));
      put('date', date);
      break;
    }
    case 'add-problem':
      Object.assign(raw, projectArg(s, false));
      put('category', problemCategoryIn(text));
      put('text', noteOf(text, s.known) || undefined);
      break;
    case 'terminate-project': {
      Object.assign(raw, projectArg(s, false));
      const why = /原因(?:是|为|:|：)?(.+)$/u.exec(text)?.[1] ?? noteOf(text, s.known);
      put('reason', why.replace(/[。.！!]+$/u, '') || undefined);
      put('date', date);
      break;
    }
    case 'add-trip':
      Object.assign(raw, tripIn(text, s.lookup, dates));
      break;
    default:
      Object.assign(raw, projectArg(s, false));
      put('note', noteOf(text, s.known) || undefined);
  }
  return { command, raw };
}
