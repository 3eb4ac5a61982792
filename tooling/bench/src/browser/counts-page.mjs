// The page of counts.mjs: the Chromium bench page, with IndexedDB's prototypes wrapped
// (idb-probe.mjs) to count what each target asks of IndexedDB during a workload's timed part.
import { setProbe, wrapPrototypes } from './idb-probe.mjs';
import './page.mjs';

/** Counts by target, summed over the repetitions. */
const totals = {};

/** The probe of each target, kept across its repetitions (its open-transaction tally too). */
const probes = {};
let startedAt = 0;

globalThis.onTimed = (target, started) => {
  totals[target] ??= {};
  probes[target] ??= { counts: totals[target] };
  if (started) startedAt = performance.now();
  else
    totals[target]['ms total'] = (totals[target]['ms total'] ?? 0) + performance.now() - startedAt;
  setProbe(started ? probes[target] : undefined);
};

/** Runs one workload (its name filter) `reps` times; returns the counts per repetition. */
globalThis.countRequests = async (sizes, filter) => {
  wrapPrototypes();
  for (const key of Object.keys(totals)) delete totals[key];
  for (const key of Object.keys(probes)) delete probes[key];
  await globalThis.runBench(sizes, [filter]);
  return Object.fromEntries(
    Object.entries(totals).map(([target, counts]) => [
      target,
      Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / sizes.reps])),
    ]),
  );
};
