import { asks } from '../../src/understand/questions.ts';
import { corpusDistrict } from '../../test/conversation/corpus-world.ts';

const c = await corpusDistrict();
for (const t of process.argv.slice(2)) {
  console.log(t, 'asks=', asks(t));
  console.log(await c.say(t, { as: 'lisi' }));
  console.log(JSON.stringify(c.store.pendingQuestion('test:-:lisi')));
}
