import { chance, FIELDS, pick, type Rand, randomScalar, randomValue } from './random-data.js';

const COMPARISONS = ['$eq', '$gt', '$gte', '$lt', '$lte'];

/** A random condition on one field, using every operator CouchDB documents. */
export function randomCondition(rand: Rand, field: string): unknown {
  const r = rand();
  if (r < 0.15) return randomScalar(rand);
  if (r < 0.55) {
    const cond: Record<string, unknown> = { [pick(rand, COMPARISONS)]: randomScalar(rand) };
    if (chance(rand, 0.3)) cond[pick(rand, COMPARISONS)] = randomScalar(rand);
    return cond;
  }
  const ops: (() => unknown)[] = [
    () => ({ $ne: randomScalar(rand) }),
    () => ({ $in: [randomScalar(rand), randomScalar(rand)] }),
    () => ({ $nin: [randomScalar(rand)] }),
    () => ({ $exists: chance(rand, 0.5) }),
    () => ({ $type: pick(rand, ['null', 'boolean', 'number', 'string', 'array', 'object']) }),
    () => ({ $size: pick(rand, [0, 1, 2]) }),
    () => ({ $mod: [pick(rand, [2, 3]), pick(rand, [0, 1])] }),
    () => ({ $regex: pick(rand, ['^a', 'b', 'e$', '^$']) }),
    () => ({ $all: [pick(rand, ['red', 'green', 1])] }),
    () => ({ $elemMatch: { $gt: pick(rand, [0, 1, 'green']) } }),
    () => ({ $allMatch: { $type: 'string' } }),
    () => ({ $gt: null }),
  ];
  return field === 'tags' && chance(rand, 0.5) ? pick(rand, ops.slice(8, 11))() : pick(rand, ops)();
}

/** A random selector: one to three fields, sometimes `$or`, `$and`, `$nor` or `$not`. */
export function randomSelector(rand: Rand): Record<string, unknown> {
  const selector: Record<string, unknown> = {};
  const count = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < count; i++) {
    const field = pick(rand, [...FIELDS, '_id']);
    selector[field] =
      field === '_id'
        ? { [pick(rand, COMPARISONS)]: pick(rand, ['d3', 'd5', 'd']) }
        : randomCondition(rand, field);
  }
  const r = rand();
  const member = (): Record<string, unknown> => {
    const f = pick(rand, FIELDS);
    return { [f]: randomCondition(rand, f) };
  };
  if (r < 0.1) selector.$or = [member(), member()];
  else if (r < 0.15) selector.$and = [member(), member()];
  else if (r < 0.18) selector.$nor = [member()];
  else if (r < 0.2) selector.$not = member();
  else if (r < 0.22) return {};
  return selector;
}

/** A random index request: one to three fields, sometimes named, in a ddoc, partial. */
export function randomIndex(rand: Rand, n: number): Record<string, unknown> {
  const fields: string[] = [];
  const count = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < count; i++) {
    const f = pick(rand, FIELDS);
    if (!fields.includes(f)) fields.push(f);
  }
  const desc = chance(rand, 0.15);
  const index: Record<string, unknown> = {
    fields: fields.map((f) => (desc ? { [f]: 'desc' } : chance(rand, 0.3) ? { [f]: 'asc' } : f)),
  };
  if (chance(rand, 0.3)) index.name = `ix${n}`;
  if (chance(rand, 0.3)) index.ddoc = pick(rand, ['one', 'two', `d${n}`]);
  if (chance(rand, 0.15)) index.partial_filter_selector = { b: { $gt: 0 } };
  return { index };
}

/** A random find request around `selector`: sort, limit, skip, fields, use_index. */
export function randomRequest(
  rand: Rand,
  ddocs: string[],
  indexFields: string[][] = [],
): Record<string, unknown> {
  const selector = randomSelector(rand);
  const request: Record<string, unknown> = { selector };
  if (indexFields.length > 0 && chance(rand, 0.35)) {
    // Aim at an index: conditions on its leading fields, sorting by a prefix of them.
    // Sometimes only the sort names the index (the selector is about other fields).
    const fields = pick(rand, indexFields);
    const constrain = chance(rand, 0.75);
    for (const f of constrain ? fields.slice(0, 1 + Math.floor(rand() * fields.length)) : []) {
      selector[f] = { [pick(rand, COMPARISONS)]: randomScalar(rand) };
    }
    if (!constrain || chance(rand, 0.6)) {
      const desc = chance(rand, 0.4);
      request.sort = fields
        .slice(0, 1 + Math.floor(rand() * fields.length))
        .map((f) => (desc ? { [f]: 'desc' } : f));
    }
  } else if (chance(rand, 0.45)) {
    const keys = Object.keys(selector).filter((k) => !k.startsWith('$'));
    const desc = chance(rand, 0.4);
    const fields =
      chance(rand, 0.7) && keys.length > 0
        ? keys.slice(0, 1 + Math.floor(rand() * keys.length))
        : [pick(rand, FIELDS)];
    request.sort = fields.map((f) =>
      desc ? { [f]: 'desc' } : chance(rand, 0.5) ? f : { [f]: 'asc' },
    );
  }
  if (chance(rand, 0.4)) request.limit = Math.floor(rand() * 6);
  if (chance(rand, 0.3)) request.skip = Math.floor(rand() * 4);
  if (chance(rand, 0.2)) request.fields = ['_id', pick(rand, FIELDS)];
  if (chance(rand, 0.1) && ddocs.length > 0) request.use_index = pick(rand, ddocs);
  if (chance(rand, 0.05)) request.selector = { ...selector, c: randomValue(rand) };
  return request;
}
