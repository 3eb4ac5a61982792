// Workload sizes. Full sizes are the ones the issue names; quick ones check the runner works
// in seconds (their numbers are noisy: one repetition, small data).
export const FULL = {
  reps: 7,
  docs: 10_000,
  batch: 100,
  puts: 1000,
  gets: 1000,
  updates: 1000,
  ranges: 100,
  rangeSize: 100,
  keys: 1000,
  pageSize: 100,
  attachments: 100,
  attachmentBytes: 100 * 1024,
};

export const QUICK = {
  ...FULL,
  reps: 1,
  docs: 1000,
  puts: 200,
  gets: 200,
  updates: 200,
  ranges: 20,
  rangeSize: 50,
  keys: 200,
  attachments: 20,
};
