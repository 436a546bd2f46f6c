import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('starts on embedded defaults with nothing set', () => {
    expect(loadConfig({})).toMatchObject({
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

  it('enables WeCom only with both token and key, and never prints a secret', () => {
    expect(loadConfig({}).WECOM_TOKEN).toBeNull();
    expect(() => loadConfig({ WECOM_TOKEN: 'tok' })).toThrow(
      /WECOM_ENCODING_AES_KEY=（已隐藏）：企业微信需要同时设置/,
    );
    let message = '';
    try {
      loadConfig({ WECOM_TOKEN: 'tok', WECOM_ENCODING_AES_KEY: 'short-secret-value' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/43 位 EncodingAESKey/);
    expect(message).not.toContain('short-secret-value');
  });

  it('reads the group robot keys per chat and the API base', () => {
    const c = loadConfig({
      WECOM_WEBHOOK_KEYS: 'wrkA=key-1, wrkB=key-2',
      WECOM_API_BASE: 'http://127.0.0.1:9999/',
    });
    expect([...c.WECOM_WEBHOOK_KEYS]).toEqual([
      ['wrkA', 'key-1'],
      ['wrkB', 'key-2'],
    ]);
    expect(c.WECOM_API_BASE).toBe('http://127.0.0.1:9999');
    expect(loadConfig({}).WECOM_API_BASE).toBe('https://qyapi.weixin.qq.com');
    expect(() => loadConfig({ WECOM_WEBHOOK_KEYS: 'nokey' })).toThrow(/群ID=机器人key/);
  });

  it('listens on every interface unless HOST names one, and refuses a HOST that is not an address', () => {
    expect(loadConfig({}).HOST).toBeNull();
    expect(loadConfig({ HOST: '' }).HOST).toBeNull();
    expect(loadConfig({ HOST: ' 127.0.0.1 ' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).HOST).toBe('::1');
    expect(() => loadConfig({ HOST: 'http://127.0.0.1' })).toThrow(
      /HOST="http:\/\/127.0.0.1"：必须是本机的 IP 地址/,
    );
  });
});
