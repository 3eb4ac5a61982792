import { httpAdapter } from '@satchel/adapter-http';
import { startCouchServer } from '@satchel/servers';
import { it } from 'vitest';
import { pouchDB, Satchel, uniqueName } from './helpers.js';
Satchel.adapter('http', httpAdapter);
it('x', async () => {
  const server = await startCouchServer();
  const pouch = new (pouchDB())(`${server.url}/${uniqueName('pouch')}`);
  await pouch.bulkDocs([{_id: 'a'}]);
  const t = (p: Promise<unknown>) => Promise.race([p, new Promise((r) => setTimeout(() => r('TIMEOUT'), 3000))]);
  console.log('pouch', await t(pouch.viewCleanup()));
  const db = new Satchel(`${server.url}/${uniqueName('s')}`, { adapter: 'http' });
  await db.bulkDocs([{_id: 'a'}]);
  console.log('ours', await t(db.viewCleanup()));
  const res = await (db.fetch as Function)('_view_cleanup', { method: 'POST', headers: {'Content-Type': 'application/json'} });
  console.log(res.status, await t(res.text()));
  await server.stop();
}, 20000);
