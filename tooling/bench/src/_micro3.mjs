import Satchel from '@satchel/node';
import { randomBytes } from 'node:crypto';
const N = 200;
const db = new Satchel('m-' + Math.random(), { adapter: 'memory' });
const blobs = Array.from({ length: N }, () => randomBytes(50000));
for (let i = 0; i < N; i++) await db.putAttachment('a' + i, 'f', blobs[i], 'application/octet-stream');
for (let r = 0; r < 15; r++) {
  gc();
  const ru = process.resourceUsage();
  const t = performance.now();
  let bytes = 0;
  for (let i = 0; i < N; i++) bytes += (await db.getAttachment('a' + i, 'f')).length;
  const ms = performance.now() - t;
  const ru2 = process.resourceUsage();
  console.log('rep ms', ms.toFixed(2), 'user', ((ru2.userCPUTime - ru.userCPUTime)/1000).toFixed(1), 'sys', ((ru2.systemCPUTime - ru.systemCPUTime)/1000).toFixed(1), 'minflt', ru2.minorPageFault - ru.minorPageFault, 'volctx', ru2.voluntaryContextSwitches - ru.voluntaryContextSwitches, 'invol', ru2.involuntaryContextSwitches-ru.involuntaryContextSwitches);
}
