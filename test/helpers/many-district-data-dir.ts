import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { FilePersistence } from '../../storage/file-persistence.ts';
import type { Persistence } from '../../storage/persistence.ts';
import { Store } from '../../storage/store.ts';
import { conversation } from './conversation.ts';

/** Two districts and the city, as SAIMA_DISTRICTS and SAIMA_CITY_ADMINS name them to every tool. */
export const DISTRICTS_ENV = {
  SAIMA_DISTRICTS: 'gaoxin:高新区:gx-admin,jingkai:经开区:jk-admin',
  SAIMA_CITY_NAME: '某市',
  SAIMA_CITY_ADMINS: 'city-admin',
  SAIMA_NOW: '2023-06-30T12:00:00+08:00',
};

/**
 * Each district's ledger as its admins and members made it: the same unit name in both, 李四 in
 * 高新区 with one signing (5亿, 甲集团), 王五 in 经开区 with two (8亿 乙集团, 3亿 丙集团), so each
 * district's first project is P2023-001 and only 经开区 has a P2023-002.
 */
export async function writeDistricts(ledgerOf: (district: 'gaoxin' | 'jingkai' | 'city') => Persistence) {
  for (const [id, admin, member, name, signings] of [
    ['gaoxin', 'gx-admin', 'lisi', '李四', ['新能源电池项目 合同额5亿 投资方甲集团']],
    [
      'jingkai',
      'jk-admin',
      'wangwu',
      '王五',
      ['储能电站项目 合同额8亿 投资方乙集团', '半导体封装项目 合同额3亿 投资方丙集团'],
    ],
  ] as const) {
    const c = await conversation({ persistence: ledgerOf(id), admins: [admin] });
    expect(await c.say('添加单位 工业园区管委会 类型园区', { as: admin })).toMatch(/^✅/u);
    expect(await c.say(`添加成员 ${name} 账号${member} 单位工业园区管委会 角色成员`, { as: admin })).toMatch(
      /^✅/u,
    );
    for (const [i, s] of signings.entries())
      expect(await c.say(`登记签约 ${s} 类型正式合同 日期2023-05-2${i}`, { as: member })).toMatch(/^✅/u);
    await c.store.close();
  }
  // the city's ledger as the server leaves it: one unit per district
  const city = await Store.open(ledgerOf('city'));
  for (const name of ['高新区', '经开区'])
    city.addUnit(
      { actor: 'saima', command: 'city-district', at: new Date(DISTRICTS_ENV.SAIMA_NOW) },
      { name, type: '其他' },
    );
  await city.close();
}

/** A many-district data directory with the embedded files: `districts/gaoxin/`, `districts/jingkai/`, `city/`. */
export async function manyDistrictDataDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'saima-districts-cli-'));
  await writeDistricts((id) => new FilePersistence(join(dir, id === 'city' ? 'city' : `districts/${id}`)));
  return dir;
}
