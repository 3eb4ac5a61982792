// Command line: `run.mjs [--quick] [--reps N] [--only T] [filter…]`. A filter keeps the
// workload it names, or those whose name contains it (`attachments` runs both attachment rows).
const USAGE = `usage: pnpm --filter @satchel/bench run bench [--quick] [--reps N] [--store S] [--only T] [--warmup N] [--isolate] [--list] [filter...]
  --quick    smaller sizes and 1 repetition (about a minute; numbers are rough)
  --store S  run only on store S (leveldb or memory; repeatable); default both
  --reps N   repetitions per workload (median reported; default 7, quick 1)
  --only T   run only target T (satchel, pouchdb or floor; repeatable): for profiling one
  --out F    write the JSON report to bench-results/F (default latest.json)
  --gc K     collection before each timing: full (default), minor, or none (see the README)
  --warmup N untimed repetitions of each workload before the timed ones (default 0)
  --isolate  each target (and store) in a Node process of its own, still interleaved (see the README)
  --list     print the workload names and exit
  filter     run only the workload named, or those whose name contains it (repeatable)`;

/** What `--gc` may ask for before each timing (see `measure`). */
export const GC_KINDS = ['full', 'minor', 'none'];

export function parseArgs(argv) {
  const args = {
    quick: false,
    isolate: false,
    warmup: 0,
    reps: undefined,
    list: false,
    gc: 'full',
    only: [],
    stores: [],
    filters: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue; // pnpm may pass the separator through
    if (arg === '--quick') args.quick = true;
    else if (arg === '--isolate') args.isolate = true;
    else if (arg === '--warmup' || arg.startsWith('--warmup=')) {
      const value = arg.includes('=') ? arg.slice(9) : argv[++i];
      args.warmup = Number.parseInt(value, 10);
      if (!(args.warmup >= 0)) fail(`--warmup needs a whole number, got ${value}`);
    } else if (arg === '--list') args.list = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      args.only.push(arg.includes('=') ? arg.slice(7) : argv[++i]);
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      args.out = arg.includes('=') ? arg.slice(6) : argv[++i];
    } else if (arg === '--store' || arg.startsWith('--store=')) {
      args.stores.push(arg.includes('=') ? arg.slice(8) : argv[++i]);
    } else if (arg === '--gc' || arg.startsWith('--gc=')) {
      args.gc = arg.includes('=') ? arg.slice(5) : argv[++i];
      if (!GC_KINDS.includes(args.gc)) fail(`--gc is one of ${GC_KINDS.join(', ')}`);
    } else if (arg === '--reps' || arg.startsWith('--reps=')) {
      const value = arg.includes('=') ? arg.slice(7) : argv[++i];
      args.reps = Number.parseInt(value, 10);
      if (!(args.reps > 0)) fail(`--reps needs a positive integer, got ${value}`);
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
    else args.filters.push(...arg.split(',').filter(Boolean));
  }
  return args;
}

function fail(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}
