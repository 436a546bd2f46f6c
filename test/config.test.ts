import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, WECOM_TIMESTAMP_WINDOW_MAX_SECONDS } from '../src/config.ts';
import { conversation } from './helpers/conversation.ts';

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

  it('reads the bot’s names, 赛马助手 when none are set', () => {
    expect(loadConfig({}).SAIMA_BOT_NAMES).toEqual(['赛马助手']);
    expect(loadConfig({ SAIMA_BOT_NAMES: ' ' }).SAIMA_BOT_NAMES).toEqual(['赛马助手']);
    expect(loadConfig({ SAIMA_BOT_NAMES: '招商助手, 赛马 Bot，赛马助手' }).SAIMA_BOT_NAMES).toEqual([
      '招商助手',
      '赛马 Bot',
      '赛马助手',
    ]);
  });

  it('keeps the ledger in PostgreSQL only when SAIMA_DATABASE_URL is a postgres URL, and never prints it', () => {
    expect(loadConfig({}).SAIMA_DATABASE_URL).toBeNull();
    expect(loadConfig({ SAIMA_DATABASE_URL: 'postgres://saima:pw@db:5432/saima' }).SAIMA_DATABASE_URL).toBe(
      'postgres://saima:pw@db:5432/saima',
    );
    const bad = () => loadConfig({ SAIMA_DATABASE_URL: 'mysql://saima:s3cret@db/saima' });
    expect(bad).toThrow(/SAIMA_DATABASE_URL.*PostgreSQL 连接串/);
    expect(bad).not.toThrow(/s3cret/);
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

  it('lets the self-built app send by itself only with corp id, secret and agent id, and never prints the secret', () => {
    const c = loadConfig({
      WECOM_CORP_ID: 'wxcorp',
      WECOM_APP_SECRET: 'app-secret-value',
      WECOM_AGENT_ID: '1000002',
    });
    expect(c).toMatchObject({ WECOM_APP_SECRET: 'app-secret-value', WECOM_AGENT_ID: '1000002' });
    expect(() => loadConfig({ WECOM_CORP_ID: 'wxcorp', WECOM_APP_SECRET: 'app-secret-value' })).toThrow(
      /WECOM_AGENT_ID="".*需要同时设置 WECOM_CORP_ID、WECOM_APP_SECRET 和 WECOM_AGENT_ID/,
    );
    expect(() => loadConfig({ WECOM_APP_SECRET: 'app-secret-value', WECOM_AGENT_ID: '1000002' })).toThrow(
      /WECOM_CORP_ID=""/,
    );
    let message = '';
    try {
      loadConfig({ WECOM_CORP_ID: 'wxcorp', WECOM_APP_SECRET: 'app-secret-value', WECOM_AGENT_ID: 'abc' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/WECOM_AGENT_ID="abc"：必须是自建应用的 AgentId/);
    expect(message).not.toContain('app-secret-value');
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

describe('WECOM_MODE', () => {
  it('is callback unless set, and the long connection dials WeCom unless WECOM_LONGCONN_URL says otherwise', () => {
    expect(loadConfig({})).toMatchObject({
      WECOM_MODE: 'callback',
      WECOM_LONGCONN_URL: 'wss://openws.work.weixin.qq.com',
    });
    expect(() => loadConfig({ WECOM_MODE: 'stream' })).toThrow(
      /WECOM_MODE="stream"：必须是 callback、longconn 或 both/,
    );
    expect(() => loadConfig({ WECOM_LONGCONN_URL: 'https://openws.work.weixin.qq.com' })).toThrow(
      /WECOM_LONGCONN_URL=.*必须是 ws\(s\):\/\/ 开头的地址/,
    );
  });

  it('needs the bot id and secret for the long connection, and never prints the secret', () => {
    expect(() => loadConfig({ WECOM_MODE: 'longconn', WECOM_BOT_SECRET: 'lc-secret-value' })).toThrow(
      /WECOM_BOT_ID="".*需要智能机器人的 Bot ID 和 Secret/,
    );
    let message = '';
    try {
      loadConfig({
        WECOM_MODE: 'longconn',
        WECOM_BOT_ID: 'aib1',
        WECOM_BOT_SECRET: 'lc-secret-value',
        PORT: 'x',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).not.toContain('lc-secret-value');
    expect(() => loadConfig({ WECOM_MODE: 'longconn', WECOM_BOT_ID: 'aib1' })).toThrow(
      /WECOM_BOT_SECRET=（已隐藏）/,
    );
    expect(() => loadConfig({ WECOM_MODE: 'both', WECOM_BOT_ID: 'aib1', WECOM_BOT_SECRET: 's' })).toThrow(
      /WECOM_TOKEN=.*WECOM_MODE=both 还需要回调用的/,
    );
    expect(loadConfig({ WECOM_MODE: 'longconn', WECOM_BOT_ID: 'aib1', WECOM_BOT_SECRET: 's' })).toMatchObject(
      {
        WECOM_MODE: 'longconn',
        WECOM_TOKEN: null,
      },
    );
  });
});

describe('the WeCom timestamp window', () => {
  it('defaults to five minutes and refuses values that are not whole seconds from 30 to a day', () => {
    expect(loadConfig({}).WECOM_TIMESTAMP_WINDOW_SECONDS).toBe(300);
    expect(loadConfig({ WECOM_TIMESTAMP_WINDOW_SECONDS: '120' }).WECOM_TIMESTAMP_WINDOW_SECONDS).toBe(120);
    expect(() => loadConfig({ WECOM_TIMESTAMP_WINDOW_SECONDS: 'abc' })).toThrow(
      /WECOM_TIMESTAMP_WINDOW_SECONDS="abc"/,
    );
    expect(() => loadConfig({ WECOM_TIMESTAMP_WINDOW_SECONDS: '10' })).toThrow(/不能小于 30 秒/);
    expect(() => loadConfig({ WECOM_TIMESTAMP_WINDOW_SECONDS: '604800' })).toThrow(/不能大于 86400 秒/);
  });

  it('is far shorter than the store remembers a handled msgid, so no replay outlives both checks', async () => {
    // a request stamped t is accepted from t - window to t + window: its msgid must outlive 2 × window
    const c = await conversation({ now: '2023-06-30T10:00:00+08:00' });
    await c.say('添加单位 工业园区管委会 类型园区', { id: 'msg-first', platform: 'wecom' });
    expect(c.store.handled('wecom:msg-first')).not.toBeNull();
    const widest = new Date(
      Date.parse('2023-06-30T10:00:00+08:00') + 2 * WECOM_TIMESTAMP_WINDOW_MAX_SECONDS * 1000,
    );
    c.setNow(new Date(widest.getTime() + 1000).toISOString());
    await c.say('添加单位 经济信息委 类型部门', { id: 'msg-later', platform: 'wecom' });
    expect(c.store.handled('wecom:msg-later')).not.toBeNull();
    expect(c.store.handled('wecom:msg-first')).not.toBeNull();
  });
});

describe('SAIMA_TRUST_PROXY', () => {
  it('is off unless set, takes addresses, ranges or a hop count, and never trusts everyone', () => {
    expect(loadConfig({}).SAIMA_TRUST_PROXY).toBeNull();
    expect(loadConfig({ SAIMA_TRUST_PROXY: '1' }).SAIMA_TRUST_PROXY).toBe(1);
    expect(loadConfig({ SAIMA_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).SAIMA_TRUST_PROXY).toBe(
      'loopback, 10.0.0.0/8',
    );
    expect(() => loadConfig({ SAIMA_TRUST_PROXY: 'true' })).toThrow(
      /SAIMA_TRUST_PROXY="true"：填反向代理的地址/,
    );
  });
});
