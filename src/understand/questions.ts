import { parseNumber } from '../reader/numerals.ts';
import { QUESTION_ENDINGS, QUESTION_WORDS } from './cues.ts';
import {
  chainIn,
  knownProjectIn,
  type Lookup,
  leaderIn,
  leadingProjectIn,
  projectsNamedBy,
  unitIn,
} from './mentions.ts';

/** Whether a message asks rather than tells: a question is answered from the ledger, never written. */
export function asks(text: string): boolean {
  return QUESTION_ENDINGS.test(text) || QUESTION_WORDS.test(text);
}

/**
 * The same for a sentence with no command word, where a question mark anywhere asks
 * (「轮毂项目在谈多久了？会不会超期」), and so do 怎么/为什么 (「再生铝项目怎么取消」); a command's free
 * text may hold them (进度 … 土地指标？已协调, 问题 … 不知道怎么办).
 */
export function asksInProse(text: string): boolean {
  return /[?？]|怎么|为什么|为啥|是否/u.test(text) || asks(text);
}

const REPORT_WORDS: Record<string, string> = {
  签约: '登记签约',
  开工: '登记开工',
  到位: '到位资金',
  资金: '到位资金',
  在谈: '登记在谈',
  进度: '进度',
  进展: '进度',
  问题: '问题',
  外出: '外出招商',
  终止: '终止项目',
  撤销: '撤销',
};

/** Which race period a ranking question means, as the command that shows it. */
function rankingOf(text: string): string {
  if (/上季度|上个季度/u.test(text)) return '上季度晾晒';
  if (/季度/u.test(text)) return '季度晾晒';
  if (/上个?月/u.test(text)) return '上月晾晒';
  const month = /(\d{1,2}|十[一二]?|[一二三四五六七八九])月份?/u.exec(text);
  if (month?.[1] && !/本月|这个?月|当月/u.test(text)) {
    const n = parseNumber(month[1]);
    if (n && n >= 1 && n <= 12) return `${n}月晾晒`;
  }
  if (/年度|今年|全年|本年/u.test(text)) return '年度排名';
  return '本月晾晒';
}

/**
 * The command that answers a question asked in everyday words, as the text the matcher reads
 * (「本月排名咋样」 → 本月晾晒, 「华峰铝业咋样了」 → 查询 P2026-002); null when nothing it asks about is known.
 */
export function routeQuestion(text: string, lookup: Lookup): string | null {
  // how to write a command
  if (
    /怎么写|怎么填|怎么报|怎么登记|怎么上报|格式|怎么用|咋写|咋报|如何登记|如何上报|要填|填什么|写什么|哪些内容/u.test(
      text,
    )
  ) {
    const topic = Object.entries(REPORT_WORDS).find(([w]) => text.includes(w));
    return topic ? `帮助 ${topic[1]}` : '帮助';
  }
  if (/(?:签约|签了|已签).{0,6}(?:未|没|还没|尚未)(?:有)?(?:开工|动工)/u.test(text)) return '签约未开工';
  if (/在谈/u.test(text) && /超期|超过|到期|超时|逾期|哪些|多少|几个|清单/u.test(text)) return '在谈超期';
  if (/英雄榜|揭榜|上榜/u.test(text)) return '英雄榜';
  if (/我的项目|我负责的|我报的|我登记的/u.test(text)) return '我的项目';

  const own = /我们|我单位|本单位|咱们|我们单位/u.test(text);
  const unit = unitIn(text, lookup) ?? (own ? lookup.ownUnit() : null);
  const aboutRank = /排名|第几|排多少|排几|名次|晾晒|红黑榜|五色图|排第|颜色|亮灯|灯色/u.test(text);
  const aboutProgress = /序时|进度|完成率|完成情况|完成得|指标|目标/u.test(text);
  // the districts side by side are the city's race (区县晾晒); a district ranks only its own units
  if (aboutRank && /区县/u.test(text)) return null;

  const chain = chainIn(text, lookup);
  if (chain && /专班|产业链|链/u.test(text)) return `专班进度 ${chain}`;
  if (/外出|出去|带队|招商.{0,2}(?:几|多少)|跑了/u.test(text) && /几|多少|情况|哪些/u.test(text)) {
    const leader = leaderIn(text, lookup);
    if (leader) return `领导外出 ${leader}`;
    if (/我/u.test(text)) return '领导外出';
  }
  if (unit && (aboutRank || aboutProgress)) return `单位进度 ${unit}`;
  if (own && aboutRank && !unit) return rankingOf(text);
  if (aboutRank) return rankingOf(text);
  if (/全区|总体|整体|全局/u.test(text)) return '全区进度';
  const known = knownProjectIn(text, lookup) ?? leadingProjectIn(text, lookup);
  if (known) {
    const [only] = known.projects;
    return known.projects.length === 1 && only
      ? `查询 ${only.id}`
      : `查询 ${text.slice(known.start, known.end)}`;
  }
  const ref = projectRefIn(text);
  if (ref && projectsNamedBy(ref, lookup, 1).length) return `查询 ${ref}`;
  if (unit && own) return `单位进度 ${unit}`;
  if (chain) return `专班进度 ${chain}`;
  return null;
}

/** The name a project question is about: what stands before the question words. */
function projectRefIn(text: string): string | null {
  const head = text
    .replace(/^(?:帮我|麻烦|请|帮忙)?(?:查一下|查查|查下|看看|看一下|了解一下|问一下|问下)?/u, '')
    .split(
      /项目|现在|目前|的|进展|进度|情况|咋|怎么|如何|什么|啥|到哪|走到|合同|签|开工|动工|[?？，,。吗呢没]/u,
    )[0];
  const ref = head?.replace(/(?:那个|这个|该)$/u, '').trim();
  return ref && ref.length >= 2 ? ref : null;
}
