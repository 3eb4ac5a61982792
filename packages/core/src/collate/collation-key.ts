/**
 * A key in the shape collation works on: what {@link normalizeKey} makes of any JSON value
 * and what {@link parseIndexableString} returns.
 */
export type CollationKey =
  | null
  | boolean
  | number
  | string
  | CollationKey[]
  | { [key: string]: CollationKey };
