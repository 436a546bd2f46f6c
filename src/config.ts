import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SAIMA_DATA_DIR: z.string().min(1).default('./data'),
  SAIMA_ADMINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(/[,，\s]+/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  SAIMA_NOW: z
    .string()
    .optional()
    .refine(
      (s) => s === undefined || s === '' || !Number.isNaN(Date.parse(s)),
      '必须是 ISO 时间，如 2023-06-30T09:00:00+08:00',
    )
    .transform((s) => (s ? new Date(s) : null)),
});

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {}

/** The only reader of configuration: every key, its default, and a message naming a bad one. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => {
    const key = String(i.path[0]);
    return `  ${key}=${JSON.stringify(env[key] ?? '')}：${i.message}`;
  });
  throw new ConfigError(`配置有误，启动中止：\n${lines.join('\n')}\n各项说明见 .env.example。`);
}
