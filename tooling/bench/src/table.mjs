// The printed table and the JSON rows share one shape, built here.

const round = (n, digits) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One result row: medians and the two ratios the issue asks for. */
export function row(workload, store, label, medians) {
  // A target left out with --only (to profile one of them) has no median: null, printed '-'.
  const satchel = medians.satchel?.median;
  const pouchdb = medians.pouchdb?.median;
  const floor = medians.floor?.median;
  const ms = (value) => (value === undefined ? null : round(value, 1));
  const ratio = (a, b) => (a === undefined || b === undefined ? null : round(a / b, 2));
  return {
    workload,
    store,
    description: label,
    satchelMs: ms(satchel),
    pouchdbMs: ms(pouchdb),
    floorMs: ms(floor),
    // >1 means Satchel is faster than pouchdb@9.
    pouchdbOverSatchel: ratio(pouchdb, satchel),
    // How far Satchel sits above raw classic-level doing the same storage work; 1 is the floor.
    satchelOverFloor: ratio(satchel, floor),
    samplesMs: Object.fromEntries(
      Object.entries(medians).map(([name, m]) => [name, m.samples.map((ms) => round(ms, 1))]),
    ),
  };
}

const fixed = (value, digits, unit = '') =>
  value === null ? '-' : `${value.toFixed(digits)}${unit}`;

const COLUMNS = [
  ['workload', (r) => r.workload, 'left'],
  ['store', (r) => r.store, 'left'],
  ['satchel ms', (r) => fixed(r.satchelMs, 1)],
  ['pouchdb ms', (r) => fixed(r.pouchdbMs, 1)],
  ['floor ms', (r) => fixed(r.floorMs, 1)],
  ['pouchdb/satchel', (r) => fixed(r.pouchdbOverSatchel, 2, 'x')],
  ['x floor', (r) => fixed(r.satchelOverFloor, 2, 'x')],
];

/** A fixed-width text table: numbers right-aligned so magnitudes line up. */
export function formatTable(rows) {
  const cells = [COLUMNS.map(([title]) => title), ...rows.map((r) => COLUMNS.map(([, f]) => f(r)))];
  const widths = COLUMNS.map((_, c) => Math.max(...cells.map((line) => line[c].length)));
  const format = (line) =>
    line
      .map((cell, c) =>
        COLUMNS[c][2] === 'left' ? cell.padEnd(widths[c]) : cell.padStart(widths[c]),
      )
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [format(cells[0]), rule, ...cells.slice(1).map(format)].join('\n');
}

/** Geometric mean: the fair average of ratios (one 10x row should not swamp ten 1.1x rows). */
export function geomean(values) {
  values = values.filter((v) => v !== null);
  if (values.length === 0) return null;
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/** The middle value (mean of the two middle ones for an even count); null when empty. */
export function medianOf(values) {
  values = values.filter((v) => v !== null).sort((a, b) => a - b);
  if (values.length === 0) return null;
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** Per store: the targets (>= 3x pouchdb@9 everywhere, median <= 2x floor). */
export function storeSummary(rows, store) {
  const mine = rows.filter((r) => r.store === store);
  const below = mine.filter((r) => r.pouchdbOverSatchel !== null && r.pouchdbOverSatchel < 3);
  return {
    store,
    workloads: mine.length,
    pouchdbOverSatchelGeomean: geomean(mine.map((r) => r.pouchdbOverSatchel)),
    pouchdbOverSatchelMin: Math.min(...mine.map((r) => r.pouchdbOverSatchel ?? Infinity)),
    satchelOverFloorMedian: medianOf(mine.map((r) => r.satchelOverFloor)),
    belowThreeX: below.map((r) => `${r.workload} ${r.pouchdbOverSatchel}x`),
  };
}
