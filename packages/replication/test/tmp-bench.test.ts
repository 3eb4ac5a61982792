import { startCouchServer } from '@satchel/servers';
import { it } from 'vitest';
import { memDb, Pouch, pouchDb, S, seed, uniqueName } from './helpers.js';
it('bench', async () => {
  const server = await startCouchServer();
  const N = 10000;
  for (const kind of ['local', 'server'] as const) {
    const sSrc = memDb(); await seed(sSrc, N);
    const pSrc = pouchDb(); await seed(pSrc, N);
    for (let round = 0; round < 2; round++) {
      const t0 = performance.now();
      const sTarget = kind === 'local' ? memDb() : new S(`${server.url}/${uniqueName('bs')}`);
      await S.replicate(sSrc, sTarget);
      const t1 = performance.now();
      const pTarget = kind === 'local' ? pouchDb() : new (Pouch())(`${server.url}/${uniqueName('bp')}`);
      await Pouch().replicate(pSrc, pTarget);
      const t2 = performance.now();
      console.log(`BENCH ${kind} round ${round}: satchel ${(t1 - t0).toFixed(0)} ms, pouchdb ${(t2 - t1).toFixed(0)} ms, ratio ${((t2 - t1) / (t1 - t0)).toFixed(2)}x`);
    }
  }
  await server.stop();
}, 300_000);
