import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { deploymentPlan } from '../../src/tenancy/district-plan.ts';

const problem = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('accepted');
};

describe('SAIMA_DISTRICTS', () => {
  it('reads each district’s code, name and admins, with Chinese or ASCII separators', () => {
    const c = loadConfig({
      SAIMA_DISTRICTS: 'gaoxin:高新区:zhangsan|lisi，jingkai：经开区：wangwu、zhaoliu; river-2:滨江区:qian',
      SAIMA_CITY_NAME: '某市',
      SAIMA_CITY_ADMINS: 'shiju1, shiju2',
    });
    expect(c.SAIMA_DISTRICTS).toEqual([
      { id: 'gaoxin', name: '高新区', admins: ['zhangsan', 'lisi'] },
      { id: 'jingkai', name: '经开区', admins: ['wangwu', 'zhaoliu'] },
      { id: 'river-2', name: '滨江区', admins: ['qian'] },
    ]);
    expect(c.SAIMA_CITY_ADMINS).toEqual(['shiju1', 'shiju2']);
  });

  it('puts each district on its own stream and directory, and the city on its own', () => {
    const plan = deploymentPlan(
      loadConfig({ SAIMA_DISTRICTS: 'gaoxin:高新区:a,jingkai:经开区:b', SAIMA_CITY_ADMINS: 'c' }),
      '/srv/saima',
    );
    expect(plan.districts.map((d) => [d.id, d.name, d.stream, d.dataDir, d.admins])).toEqual([
      ['gaoxin', '高新区', 'district:gaoxin', '/srv/saima/districts/gaoxin', ['a']],
      ['jingkai', '经开区', 'district:jingkai', '/srv/saima/districts/jingkai', ['b']],
    ]);
    expect(plan.city).toMatchObject({
      name: '全市',
      stream: 'city',
      dataDir: '/srv/saima/city',
      admins: ['c'],
    });
  });

  it('keeps a one-district deployment exactly where it was: the data directory itself and the default stream', () => {
    const plan = deploymentPlan(
      loadConfig({ SAIMA_ADMINS: 'a', SAIMA_DISTRICT_NAME: '高新区' }),
      '/srv/saima',
    );
    expect(plan).toEqual({
      districts: [
        { id: 'district', name: '高新区', admins: ['a'], stream: 'district', dataDir: '/srv/saima' },
      ],
      city: null,
    });
  });

  it.each([
    ['gaoxin:高新区', '看不懂'],
    ['Gaoxin:高新区:a', '看不懂'],
    ['gaoxin::a', '看不懂'],
    ['gaoxin:高新区:a:b', '看不懂'],
    ['gaoxin:高新区:a,gaoxin:经开区:b', '不能重复'],
    ['gaoxin:高新区:a,jingkai:高新区:b', '不能重复'],
    ['gaoxin:高新区:a,jingkai:经开区:a', '一个人只能属于一个区'],
    ['city:市本级:a', '不能是 city'],
  ])('refuses %s, saying what is wrong', (value, says) => {
    expect(problem({ SAIMA_DISTRICTS: value })).toContain(says);
  });

  it('refuses a global admin list or district name beside it, and city admins without districts', () => {
    expect(problem({ SAIMA_DISTRICTS: 'gaoxin:高新区:a', SAIMA_ADMINS: 'boss' })).toMatch(
      /SAIMA_ADMINS.*每个区的名称和管理员写在 SAIMA_DISTRICTS 里/,
    );
    expect(problem({ SAIMA_DISTRICTS: 'gaoxin:高新区:a', SAIMA_DISTRICT_NAME: '高新区' })).toMatch(
      /SAIMA_DISTRICT_NAME/,
    );
    expect(problem({ SAIMA_CITY_ADMINS: 'shiju' })).toMatch(/请同时设置 SAIMA_DISTRICTS/);
    expect(problem({ SAIMA_DISTRICTS: 'gaoxin:高新区:a|b', SAIMA_CITY_ADMINS: 'c,b' })).toMatch(
      /账号「b」既是市级管理员又是 gaoxin 的管理员/,
    );
  });
});
