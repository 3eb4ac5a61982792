import { Ajv, type ErrorObject } from 'ajv';
import { SERVER_ADAPTERS } from './options.js';

const text = { type: 'string', minLength: 1 } as const;
const flag = { type: 'boolean' } as const;
const count = { type: 'integer', minimum: 1 } as const;

/**
 * The JSON shape of {@link ServerOptions} (less `Satchel`, which no JSON can hold). Unknown
 * keys are refused: a misspelt `admins` would otherwise leave the server in admin party.
 */
export const SERVER_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dataDir: text,
    adapter: { enum: SERVER_ADAPTERS },
    admins: { type: 'object', propertyNames: text, additionalProperties: text },
    users: {
      type: 'object',
      propertyNames: text,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['password'],
        properties: { password: text, roles: { type: 'array', items: { type: 'string' } } },
      },
    },
    requireValidUser: flag,
    cors: {
      anyOf: [
        { const: false },
        {
          type: 'object',
          additionalProperties: false,
          required: ['origins'],
          properties: {
            origins: { anyOf: [{ const: '*' }, { type: 'array', items: { type: 'string' } }] },
            credentials: flag,
          },
        },
      ],
    },
    maxBodyBytes: count,
    tempViews: flag,
    maxLoginFailures: count,
    loginWindowMs: count,
    secret: text,
    sessionTimeoutSec: { type: 'number', exclusiveMinimum: 0 },
    sandboxTimeoutMs: count,
    logger: flag,
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile(SERVER_OPTIONS_SCHEMA);

/**
 * `null` means "the default", as `createServer` reads its options (`??`), except for the users
 * who lock the server: `admins: null` would quietly mean admin party.
 */
const NULL_REFUSED = new Set(['admins', 'users']);

/** One of ajv's complaints in words: where in the options, and what is wrong there. */
function describe(error: ErrorObject): string {
  const at = error.instancePath.slice(1).replaceAll('/', '.');
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty);
    return `unknown option "${at ? `${at}.` : ''}${key}"`;
  }
  return `${at || 'the options'} ${error.message ?? 'is invalid'}`;
}

/**
 * Throws a `TypeError` naming every problem when `options` (from `where`: a config file or
 * `createServer`'s argument) do not have the shape of server options. A server started on
 * options it misread could listen unlocked; refusing to start is the safe answer.
 */
export function checkServerOptions(options: unknown, where: string): void {
  const record = typeof options === 'object' && options !== null && !Array.isArray(options);
  const { Satchel, ...json } = record ? (options as Record<string, unknown>) : {};
  if (Satchel != null && typeof Satchel !== 'function') {
    throw new TypeError(`${where}: Satchel must be a database constructor`);
  }
  const given = Object.entries(json).filter(([key, v]) => v !== null || NULL_REFUSED.has(key));
  if (validate(record ? Object.fromEntries(given) : options)) return;
  const problems = [...new Set((validate.errors ?? []).map(describe))];
  throw new TypeError(`${where}: ${problems.join('; ')}`);
}
