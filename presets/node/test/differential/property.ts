import fc from 'fast-check';
import { type Op, sequenceArb } from './ops.js';
import { runSequence } from './run.js';

/** Multiplies every file's run count (e.g. SATCHEL_DIFF_SCALE=10 for a long soak). */
const SCALE = Number(process.env.SATCHEL_DIFF_SCALE ?? '1') || 1;

/** Runs `runs` random sequences from `mix` on fresh Satchel/pouchdb@9 pairs. */
export async function checkSequences(
  mix: fc.Arbitrary<Op>,
  runs: number,
  options: fc.Arbitrary<Record<string, unknown>> = fc.constant({}),
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(sequenceArb(mix), options, (ops, dbOptions) => runSequence(ops, dbOptions)),
    {
      numRuns: Math.round(runs * SCALE),
      interruptAfterTimeLimit: 45_000 * SCALE,
      markInterruptAsFailure: false,
    },
  );
}
