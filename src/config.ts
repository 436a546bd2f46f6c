import { isIP } from 'node:net';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((s) => (s?.trim() ? s.trim() : null));

/** A base URL setting: tests and private deployments (政务微信、专有钉钉) point it elsewhere. */
const baseUrl = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s?.trim() ? s.trim() : fallback).replace(/\/+$/, ''))
    .refine((s) => /^https?:\/\/[^\s/]+/.test(s), '必须是 http(s):// 开头的地址');

/**
 * A replayed WeCom callback is refused by its timestamp once outside the window, and by its msgid
 * while the store remembers it (7 days): the window must stay far below that retention.
 */
export const WECOM_TIMESTAMP_WINDOW_MIN_SECONDS = 30;
export const WECOM_TIMESTAMP_WINDOW_MAX_SECONDS = 86_400;

/** An address, a CIDR range or one of Express's named ranges; never "true" (that would trust anyone). */
const TRUSTED_PROXY = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/;

/** One district of a many-district deployment, as SAIMA_DISTRICTS names it. */
export interface DistrictSetting {
  /** Lower-case letters, digits and -: it names the district's journal stream and directory. */
  id: string;
  name: string;
  admins: string[];
}

/** Platform accounts, separated by commas (either width) or blanks. */
const accountList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(/[,，\s]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  );

const DISTRICT_ID = /^[a-z][a-z0-9-]{0,31}$/;

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Empty = every interface (IPv4 and IPv6); behind a reverse proxy on the same host, 127.0.0.1. */
  HOST: optionalString.refine(
    (s) => s === null || isIP(s) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(s),
    '必须是本机的 IP 地址（如 127.0.0.1、0.0.0.0、::）或主机名；留空表示监听所有网卡',
  ),
  SAIMA_DATA_DIR: z.string().min(1).default('./data'),
  /** Set: the ledger lives in this PostgreSQL database (storage/pg), and several instances may share it. */
  SAIMA_DATABASE_URL: optionalString.refine(
    (s) => s === null || /^postgres(ql)?:\/\/[^\s]+$/.test(s),
    '必须是 PostgreSQL 连接串，如 postgres://用户:密码@主机:5432/库名；留空则用数据目录里的文件',
  ),
  SAIMA_ADMINS: accountList,
  /** 「XX区」 in the title of the exported 台账; empty leaves it out. */
  SAIMA_DISTRICT_NAME: z
    .string()
    .optional()
    .transform((s) => (s?.trim() ? s.trim() : null)),
  /** Set: one deployment serves several districts, each with its own ledger (src/tenancy). */
  SAIMA_DISTRICTS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s?.trim()) return null;
      const out: DistrictSetting[] = [];
      for (const entry of s
        .split(/[,，;；\n]+/)
        .map((x) => x.trim())
        .filter(Boolean)) {
        const [id, name, admins, extra] = entry.split(/[:：]/).map((x) => x.trim());
        const accounts = (admins ?? '')
          .split(/[|、]/)
          .map((x) => x.trim())
          .filter(Boolean);
        if (!id || !DISTRICT_ID.test(id) || !name || accounts.length === 0 || extra !== undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `「${entry}」看不懂：每个区写成 代码:名称:管理员账号（多个管理员用 | 分隔），区之间用逗号分隔，如 gaoxin:高新区:zhangsan|lisi,jingkai:经开区:wangwu；代码用小写字母、数字和 -，字母开头`,
          });
          return z.NEVER;
        }
        out.push({ id, name, admins: accounts });
      }
      return out.length ? out : null;
    }),
  /** The city level of a many-district deployment: its name and the accounts of its admins. */
  SAIMA_CITY_NAME: z
    .string()
    .optional()
    .transform((s) => (s?.trim() ? s.trim() : '全市')),
  SAIMA_CITY_ADMINS: accountList,
  /** The bot's names people @ in groups; `@名字` is dropped even with no blank after it. */
  SAIMA_BOT_NAMES: z
    .string()
    .optional()
    .transform((s) => {
      const names = (s ?? '')
        .split(/[,，]/)
        .map((x) => x.trim())
        .filter(Boolean);
      return names.length ? names : ['赛马助手'];
    }),
  SAIMA_NOW: z
    .string()
    .optional()
    .refine(
      (s) => s === undefined || s === '' || !Number.isNaN(Date.parse(s)),
      '必须是 ISO 时间，如 2023-06-30T09:00:00+08:00',
    )
    .transform((s) => (s ? new Date(s) : null)),
  WECOM_TOKEN: optionalString,
  WECOM_ENCODING_AES_KEY: optionalString.refine(
    (s) => s === null || /^[A-Za-z0-9+/]{43}$/.test(s),
    '必须是企业微信后台给出的 43 位 EncodingAESKey',
  ),
  WECOM_CORP_ID: optionalString,
  /** The self-built app's Secret and AgentId: with both, late answers go out through message/send. */
  WECOM_APP_SECRET: optionalString,
  WECOM_AGENT_ID: optionalString.refine(
    (s) => s === null || /^\d{1,12}$/.test(s),
    '必须是自建应用的 AgentId（数字），如 1000002',
  ),
  WECOM_API_BASE: baseUrl('https://qyapi.weixin.qq.com'),
  WECOM_TIMESTAMP_WINDOW_SECONDS: z.coerce
    .number({ error: '必须是秒数，如 300' })
    .int('必须是整数秒')
    .min(
      WECOM_TIMESTAMP_WINDOW_MIN_SECONDS,
      `不能小于 ${WECOM_TIMESTAMP_WINDOW_MIN_SECONDS} 秒（企业微信会在几秒内重试）`,
    )
    .max(
      WECOM_TIMESTAMP_WINDOW_MAX_SECONDS,
      `不能大于 ${WECOM_TIMESTAMP_WINDOW_MAX_SECONDS} 秒（已处理的消息 ID 只保留 7 天，窗口须远小于它）`,
    )
    .default(300),
  /** callback: WeCom posts to /webhook/wecom; longconn: the bot dials out over WebSocket (no inbound port); both. */
  WECOM_MODE: z
    .enum(['callback', 'longconn', 'both'], { error: '必须是 callback、longconn 或 both' })
    .default('callback'),
  WECOM_BOT_ID: optionalString,
  WECOM_BOT_SECRET: optionalString,
  WECOM_LONGCONN_URL: z
    .string()
    .optional()
    .transform((s) => (s?.trim() ? s.trim() : 'wss://openws.work.weixin.qq.com').replace(/\/+$/, ''))
    .refine((s) => /^wss?:\/\/[^\s/]+/.test(s), '必须是 ws(s):// 开头的地址'),
  WECOM_WEBHOOK_KEYS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const out = new Map<string, string>();
      for (const pair of s.split(/[,，\s]+/).filter(Boolean)) {
        const at = pair.indexOf('=');
        if (at <= 0 || at === pair.length - 1) {
          ctx.addIssue({ code: 'custom', message: '格式为 群ID=机器人key，多个用逗号分隔' });
          return z.NEVER;
        }
        out.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return out;
    }),
  DINGTALK_APP_KEY: optionalString,
  DINGTALK_APP_SECRET: optionalString,
  DINGTALK_ROBOT_CODE: optionalString,
  DINGTALK_MODE: z.enum(['http', 'stream', 'both'], { error: '必须是 http、stream 或 both' }).default('http'),
  DINGTALK_API_BASE: baseUrl('https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: baseUrl('https://oapi.dingtalk.com'),
  DINGTALK_ROBOT_WEBHOOKS: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const out = new Map<string, { accessToken: string; secret: string }>();
      for (const entry of s.split(/[,，\s]+/).filter(Boolean)) {
        const [conversationId, accessToken, secret, extra] = entry.split('@');
        if (!conversationId || !accessToken || !secret || extra !== undefined) {
          ctx.addIssue({ code: 'custom', message: '格式为 会话ID@access_token@加签secret，多个用逗号分隔' });
          return z.NEVER;
        }
        out.set(conversationId, { accessToken, secret });
      }
      return out;
    }),
  SAIMA_TRUST_PROXY: z
    .string()
    .optional()
    .transform((s) => (s?.trim() ? s.trim() : null))
    .refine(
      (s) => s === null || /^\d+$/.test(s) || s.split(/\s*,\s*/).every((x) => TRUSTED_PROXY.test(x)),
      '填反向代理的地址或网段（如 127.0.0.1 或 10.0.0.0/8，多个用逗号分隔）、loopback，或代理层数（如 1）',
    )
    .transform((s) => (s !== null && /^\d+$/.test(s) ? Number(s) : s)),
  SAIMA_PUBLIC_URL: z
    .string()
    .optional()
    .transform((s) => (s?.trim() ? s.trim().replace(/\/+$/, '') : null))
    .refine((s) => s === null || /^https?:\/\/[^\s/]+/.test(s), '必须是 http(s):// 开头的地址'),
});

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {}

/** Values of these variables are never printed, not even in a configuration error (a database URL holds its password). */
const SECRET = /TOKEN|KEY|SECRET|DATABASE_URL/;

/**
 * A many-district deployment names every district's admins in SAIMA_DISTRICTS: a global admin list
 * would make one account the admin of every district, and an account in two districts' lists would
 * belong to two. Both are refused rather than guessed.
 */
function districtRules(c: z.output<typeof schema>, ctx: z.RefinementCtx): void {
  const districts = c.SAIMA_DISTRICTS;
  if (!districts) {
    if (c.SAIMA_CITY_ADMINS.length)
      ctx.addIssue({
        code: 'custom',
        path: ['SAIMA_CITY_ADMINS'],
        message: '市级管理员只在多区部署中使用：请同时设置 SAIMA_DISTRICTS',
      });
    return;
  }
  for (const key of ['SAIMA_ADMINS', 'SAIMA_DISTRICT_NAME'] as const) {
    const value = c[key];
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    ctx.addIssue({
      code: 'custom',
      path: [key],
      message: `设置了 SAIMA_DISTRICTS 时不用 ${key}：每个区的名称和管理员写在 SAIMA_DISTRICTS 里`,
    });
  }
  const seen = { id: new Set<string>(), name: new Set<string>(), admin: new Map<string, string>() };
  for (const d of districts) {
    if (seen.id.has(d.id) || seen.name.has(d.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SAIMA_DISTRICTS'],
        message: `区的代码和名称不能重复：「${seen.id.has(d.id) ? d.id : d.name}」出现了两次`,
      });
    }
    seen.id.add(d.id);
    seen.name.add(d.name);
    for (const account of d.admins) {
      const other = seen.admin.get(account);
      if (other && other !== d.id) {
        ctx.addIssue({
          code: 'custom',
          path: ['SAIMA_DISTRICTS'],
          message: `账号「${account}」同时是 ${other} 和 ${d.id} 的管理员：一个人只能属于一个区`,
        });
      }
      seen.admin.set(account, d.id);
    }
  }
  for (const account of c.SAIMA_CITY_ADMINS) {
    const district = seen.admin.get(account);
    if (district)
      ctx.addIssue({
        code: 'custom',
        path: ['SAIMA_CITY_ADMINS'],
        message: `账号「${account}」既是市级管理员又是 ${district} 的管理员：一个账号只能在一级（市或某个区）`,
      });
  }
  if (seen.id.has('city'))
    ctx.addIssue({ code: 'custom', path: ['SAIMA_DISTRICTS'], message: '区的代码不能是 city（留给市级）' });
}

/** The only reader of configuration: every key, its default, and a message naming a bad one. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema
    .superRefine((c, ctx) => {
      if ((c.DINGTALK_APP_KEY === null) !== (c.DINGTALK_APP_SECRET === null)) {
        const missing = c.DINGTALK_APP_KEY === null ? 'DINGTALK_APP_KEY' : 'DINGTALK_APP_SECRET';
        ctx.addIssue({
          code: 'custom',
          path: [missing],
          message: '钉钉需要同时设置 DINGTALK_APP_KEY 和 DINGTALK_APP_SECRET',
        });
      }
      if ((c.WECOM_TOKEN === null) !== (c.WECOM_ENCODING_AES_KEY === null)) {
        const missing = c.WECOM_TOKEN === null ? 'WECOM_TOKEN' : 'WECOM_ENCODING_AES_KEY';
        ctx.addIssue({
          code: 'custom',
          path: [missing],
          message: '企业微信需要同时设置 WECOM_TOKEN 和 WECOM_ENCODING_AES_KEY',
        });
      }
      if (c.WECOM_MODE !== 'callback') {
        for (const key of ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'] as const) {
          if (c[key] === null) {
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: `WECOM_MODE=${c.WECOM_MODE} 需要智能机器人的 Bot ID 和 Secret（企业微信后台 → 智能机器人 → API 模式选「长连接」后获取）`,
            });
          }
        }
      }
      if (c.WECOM_MODE === 'both' && c.WECOM_TOKEN === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['WECOM_TOKEN'],
          message:
            'WECOM_MODE=both 还需要回调用的 WECOM_TOKEN 和 WECOM_ENCODING_AES_KEY；只用长连接请设 WECOM_MODE=longconn',
        });
      }
      districtRules(c, ctx);
      if (
        (c.WECOM_APP_SECRET === null) !== (c.WECOM_AGENT_ID === null) ||
        (c.WECOM_APP_SECRET && !c.WECOM_CORP_ID)
      ) {
        const missing =
          c.WECOM_APP_SECRET === null
            ? 'WECOM_APP_SECRET'
            : c.WECOM_AGENT_ID === null
              ? 'WECOM_AGENT_ID'
              : 'WECOM_CORP_ID';
        ctx.addIssue({
          code: 'custom',
          path: [missing],
          message: '自建应用主动发消息需要同时设置 WECOM_CORP_ID、WECOM_APP_SECRET 和 WECOM_AGENT_ID',
        });
      }
    })
    .safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => {
    const key = String(i.path[0]);
    const shown = SECRET.test(key) ? '（已隐藏）' : JSON.stringify(env[key] ?? '');
    return `  ${key}=${shown}：${i.message}`;
  });
  throw new ConfigError(`配置有误，启动中止：\n${lines.join('\n')}\n各项说明见 .env.example。`);
}
