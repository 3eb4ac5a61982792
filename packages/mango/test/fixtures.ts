/** A small grocery: every JSON type, nested objects, arrays, missing and mistyped fields. */
export const GROCERY = [
  {
    _id: 'apple',
    type: 'fruit',
    name: 'Apple',
    price: 3,
    tags: ['red', 'sweet'],
    stock: { count: 10, shop: 'north' },
    rating: 4.5,
  },
  {
    _id: 'banana',
    type: 'fruit',
    name: 'Banana',
    price: 1,
    tags: ['yellow', 'sweet'],
    stock: { count: 0, shop: 'south' },
  },
  {
    _id: 'carrot',
    type: 'veg',
    name: 'Carrot',
    price: 2,
    tags: ['orange'],
    stock: { count: 5, shop: 'north' },
    rating: 3,
  },
  { _id: 'date', type: 'fruit', name: 'Date', price: 5, tags: [], rating: null },
  {
    _id: 'eggplant',
    type: 'veg',
    name: 'eggplant',
    price: 4,
    tags: ['purple', 'bitter'],
    stock: { count: 2, shop: 'south' },
  },
  { _id: 'fig', type: 'fruit', name: 'Fig', price: '6', tags: ['purple', 'sweet'] },
  { _id: '_design/app', views: { all: { map: 'function (doc) { emit(doc._id); }' } } },
];

/** Every operator on the grocery, with the ids it selects (in `_id` order). */
export const OPERATOR_CASES: { field: string; selector: Record<string, unknown>; ids: string[] }[] =
  [
    { field: 'type', selector: { type: 'fruit' }, ids: ['apple', 'banana', 'date', 'fig'] },
    { field: 'type', selector: { type: { $eq: 'veg' } }, ids: ['carrot', 'eggplant'] },
    { field: 'type', selector: { type: { $ne: 'fruit' } }, ids: ['carrot', 'eggplant'] },
    // Strings collate after numbers: '6' is greater than any number.
    { field: 'price', selector: { price: { $gt: 3 } }, ids: ['date', 'eggplant', 'fig'] },
    { field: 'price', selector: { price: { $gte: 3 } }, ids: ['apple', 'date', 'eggplant', 'fig'] },
    { field: 'price', selector: { price: { $lt: 3 } }, ids: ['banana', 'carrot'] },
    { field: 'price', selector: { price: { $lte: 2 } }, ids: ['banana', 'carrot'] },
    {
      field: 'price',
      selector: { price: { $gt: 1, $lt: 5 } },
      ids: ['apple', 'carrot', 'eggplant'],
    },
    { field: 'price', selector: { price: { $in: [1, 5] } }, ids: ['banana', 'date'] },
    {
      field: 'type',
      selector: { type: { $nin: ['veg'] } },
      ids: ['apple', 'banana', 'date', 'fig'],
    },
    { field: 'rating', selector: { rating: { $exists: true } }, ids: ['apple', 'carrot', 'date'] },
    {
      field: 'rating',
      selector: { rating: { $exists: false } },
      ids: ['banana', 'eggplant', 'fig'],
    },
    { field: 'price', selector: { price: { $type: 'string' } }, ids: ['fig'] },
    { field: 'rating', selector: { rating: { $type: 'null' } }, ids: ['date'] },
    {
      field: 'tags',
      selector: { tags: { $size: 2 } },
      ids: ['apple', 'banana', 'eggplant', 'fig'],
    },
    { field: 'price', selector: { price: { $mod: [2, 1] } }, ids: ['apple', 'banana', 'date'] },
    { field: 'name', selector: { name: { $regex: '^[A-C]' } }, ids: ['apple', 'banana', 'carrot'] },
    { field: 'tags', selector: { tags: { $all: ['sweet', 'purple'] } }, ids: ['fig'] },
    { field: 'tags', selector: { tags: { $elemMatch: { $eq: 'orange' } } }, ids: ['carrot'] },
    {
      field: 'tags',
      selector: { tags: { $allMatch: { $in: ['purple', 'bitter', 'sweet'] } } },
      ids: ['eggplant', 'fig'],
    },
    {
      field: 'type',
      selector: { $and: [{ type: 'fruit' }, { price: { $gt: 2 } }] },
      ids: ['apple', 'date', 'fig'],
    },
    {
      field: 'type',
      selector: { $or: [{ type: 'veg' }, { price: 1 }] },
      ids: ['banana', 'carrot', 'eggplant'],
    },
    {
      field: 'type',
      selector: { type: { $gt: null }, $nor: [{ type: 'veg' }, { price: 1 }] },
      ids: ['apple', 'date', 'fig'],
    },
    {
      field: 'type',
      selector: { type: { $gt: null }, $not: { type: 'fruit' } },
      ids: ['carrot', 'eggplant'],
    },
    { field: 'stock.shop', selector: { 'stock.shop': 'north' }, ids: ['apple', 'carrot'] },
    {
      field: 'stock.count',
      selector: { 'stock.count': { $gte: 2, $lt: 10 } },
      ids: ['carrot', 'eggplant'],
    },
  ];

/** `$keyMapMatch`, which CouchDB has and pouchdb-find does not (so no oracle for it). */
export const KEY_MAP_CASE = {
  field: 'stock',
  selector: { stock: { $keyMapMatch: { $eq: 'shop' } } },
  ids: ['apple', 'banana', 'carrot', 'eggplant'],
};
