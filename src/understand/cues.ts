/**
 * The words that say which report a sentence is (COMMANDS.md "Talking naturally", DOMAIN.md "Words
 * people use"), strongest first within each report. A report is a command id of commands/.
 */
export const EVENT_CUES: ReadonlyArray<{ command: string; words: readonly string[]; strength: number }> = [
  {
    command: 'terminate-project',
    words: [
      '终止投资',
      '终止合作',
      '放弃投资',
      '不来了',
      '不投了',
      '撤资',
      '退库',
      '终止',
      '黄了',
      '不做了',
      '放弃了',
    ],
    strength: 3,
  },
  {
    command: 'register-signing',
    words: [
      '正式签约',
      '签订',
      '签署',
      '签下',
      '签了',
      '签约',
      '签完',
      '签合同',
      '签的',
      '签正式',
      '签框架',
      '签意向',
      '签协议',
      '签好',
    ],
    strength: 2,
  },
  {
    command: 'register-start',
    words: ['开工', '动工', '开始建设', '开建', '破土', '进场施工', '开业', '开门营业', '投入运营'],
    strength: 2,
  },
  {
    command: 'add-instalment',
    words: [
      '拨付到位',
      '资金到位',
      '到位资金',
      '到位',
      '到账',
      '打款',
      '注资',
      '入账',
      '打过来',
      '转账',
      '汇入',
      '汇款',
      '拨付',
      '拨款',
      '进来一笔',
      '到了一笔',
      '一笔钱',
      '款到了',
      '钱到了',
      '到了',
    ],
    strength: 2,
  },
  {
    command: 'add-problem',
    words: [
      '卡在',
      '卡住',
      '难点',
      '存在问题',
      '需要协调',
      '需协调',
      '困难',
      '问题是',
      '遇到问题',
      '受阻',
      '堵点',
      '问题',
      '迟迟',
      '缓慢',
      '滞后',
      '下不来',
      '太慢',
      '太长',
      '太高',
      '太低',
      '分歧',
      '不明确',
      '未落实',
      '联系不上',
      '招工难',
      '用工难',
      '融资难',
      '兑现慢',
      '进展慢',
      '没有着落',
      '没明确',
      '没落实',
      '没下来',
      '批不下来',
      '不下来',
      '没兑现',
      '缺口',
      '观望',
      '审批慢',
      '办理慢',
    ],
    strength: 2.5,
  },
  {
    command: 'register-negotiation',
    words: [
      '在谈',
      '洽谈',
      '对接中',
      '新接触',
      '接洽',
      '在对接',
      '正在谈',
      '初步接触',
      '开始谈',
      '在洽',
      '谈判',
    ],
    strength: 1,
  },
  {
    command: 'add-trip',
    words: ['外出招商', '赴', '拜访', '考察', '走访', '带队'],
    strength: 1,
  },
  {
    command: 'add-progress',
    words: [
      '完成',
      '封顶',
      '摘牌',
      '进场',
      '调试',
      '环评',
      '批复',
      '办理',
      '取得',
      '投产',
      '试生产',
      '竣工',
      '验收',
      '安装',
      '推进',
      '启动',
      '审批',
      '报批',
      '拿到',
      '通过',
      '已报',
      '招标',
      '设计',
      '施工',
      '建设中',
      '正在',
    ],
    strength: 0.5,
  },
];

/**
 * A cue right after one of these is denied (「还没开工」, 「未签约」) or only planned (「拟下周签约」),
 * so it is not the report.
 */
export const NEGATIONS = [
  '还没有',
  '还没',
  '尚未',
  '没有',
  '未',
  '没',
  '不',
  '拟',
  '准备',
  '计划',
  '预计',
  '将于',
  '即将',
  '争取',
  '有望',
  '下周',
  '明天',
  '打算',
  '力争',
  '下月初',
  '下个月',
  '下月',
  '月底前',
  '年底前',
];

/** Words that ask (COMMANDS.md): a message with one is answered from the ledger, never written. */
export const QUESTION_ENDINGS = /(?:[?？]|吗|呢|没|没有|了没|么|不|否)[。.!！~～\s]*$/u;
export const QUESTION_WORDS =
  /怎么样|怎样|咋样|咋回事|如何|什么情况|啥|咋|多久|多长时间|会不会|能不能|要不要|谁|什么进展|什么进度|什么阶段|什么状态|哪个阶段|什么颜色|到哪一步|到哪步|到哪了|走到哪|哪一步|在哪|哪了|哪里|哪儿|什么时候|是谁|多少|几[个次趟回家名位项笔]|第几|哪些|哪个|有没有|是不是|是否|帮我查|帮我看|查一下|查查|看一下|看看|了解一下|怎么写|怎么填|怎么报|怎么登记|怎么用|要填|填什么|写什么|哪些内容/u;

/** Dates people write that name no one day: the bot asks which day instead of guessing. */
export const VAGUE_DATES =
  /(?:上个?月|本月|这个?月|\d{1,2}月|[一二三四五六七八九十]{1,2}月)(?:上旬|中旬|下旬|底|初|末|中)|月底|月初|月中|月末|上旬|中旬|下旬|前几天|前些天|前段时间|最近|近期|上周(?![一二三四五六日天])|这周(?![一二三四五六日天])|本周(?![一二三四五六日天])/u;

/**
 * Words that say when, in forms the date reader does not take (「昨晚」, 「上个月最后一天」): a report
 * with one is never dated today by default; the bot asks which day.
 */
export const DATE_HINTS =
  /昨晚|昨夜|今早|今晨|前晚|最后一天|第一天|[0-9一二三四五六七八九十]+[日号](?!楼|线|地块)|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天]?|(?<![0-9A-Za-z])\d{1,2}[./-]\d{1,2}(?![0-9])(?![0-9.]*[亿万元倍%])|上个?月|这个月|本月|年初|年中/u;

/** Days still to come: a report of something that already happened is refused with them, never dated today. */
export const FUTURE_DAYS = /明天|明日|后天|下周[一二三四五六日天]?|下个?月\d{0,2}[日号]?/u;

/** Fillers between a project's name and what happened to it. */
export const FILLERS = [
  '那个项目',
  '这个项目',
  '那个',
  '这个',
  '该项目',
  '项目上',
  '今天',
  '今日',
  '昨天',
  '前天',
  '刚刚',
  '刚才',
  '已经',
  '目前',
  '现在',
  '本月',
  '这周',
  '本周',
  '上周',
];
