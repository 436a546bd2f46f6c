import { visibleTo } from '../../src/domain/visibility.ts';
import { readReport } from '../../src/understand/reports.ts';
import { corpusDistrict } from '../../test/conversation/corpus-world.ts';

const c = await corpusDistrict();
const store = c.store;
const actor = {
  account: 'lisi',
  name: '李四',
  role: 'member' as const,
  unitId: store.memberByAccount('lisi')!.unitId,
  member: store.memberByAccount('lisi'),
};
const lookup = {
  projects: () => store.projects(visibleTo(store, actor)),
  unitNames: () => store.units().map((u) => u.name),
  chainNames: () => [],
  leaderNames: () => ['张三', '王明'],
  ownUnit: () => null,
};
for (const t of process.argv.slice(2))
  console.log(t, JSON.stringify(readReport(t.normalize('NFKC'), c.clock.now(), lookup)));
