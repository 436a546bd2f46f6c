import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('starts on embedded defaults with nothing set', () => {
    expect(loadConfig({})).toEqual({
      PORT: 3000,
      SAIMA_DATA_DIR: './data',
      SAIMA_ADMINS: [],
      SAIMA_NOW: null,
    });
  });

  it('reads admins, port and a frozen clock', () => {
    const c = loadConfig({
      PORT: '8080',
      SAIMA_ADMINS: 'lisi, zhangsan，wangwu',
      SAIMA_NOW: '2023-06-30T09:00:00+08:00',
    });
    expect(c.PORT).toBe(8080);
    expect(c.SAIMA_ADMINS).toEqual(['lisi', 'zhangsan', 'wangwu']);
    expect(c.SAIMA_NOW?.toISOString()).toBe('2023-06-30T01:00:00.000Z');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT="abc"/);
    expect(() => loadConfig({ SAIMA_NOW: 'yesterday' })).toThrow(/SAIMA_NOW="yesterday"：必须是 ISO 时间/);
  });
});
