import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer, loadConfig, type ServerOptions } from '../src/index.js';
import { resolveOptions } from '../src/options.js';
import { SERVER_OPTIONS_SCHEMA } from '../src/options-check.js';
import { call, startTestServer } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'satchel-config-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function configFile(text: string): string {
  const file = join(dir, `config-${++files}.json`);
  writeFileSync(file, text);
  return file;
}

describe('loadConfig refuses what it would misread', () => {
  it('reads admins, users and settings from the file, the environment adding admins', async () => {
    const file = configFile(
      JSON.stringify({
        admins: { alice: 'a-pw' },
        users: { carol: { password: 'c-pw', roles: ['reader'] } },
        cors: { origins: ['http://127.0.0.1:1'], credentials: true },
        maxBodyBytes: 1024,
      }),
    );
    const options = loadConfig(file, {
      SATCHEL_ADMINS: 'bob:b:pw, dave:d-pw',
      SATCHEL_SECRET: 's',
    });
    expect(options.admins).toEqual({ alice: 'a-pw', bob: 'b:pw', dave: 'd-pw' });
    expect(options.secret).toBe('s');
    // The admins really lock the server: an anonymous request to create a database is refused.
    const server = await startTestServer({ ...options, adapter: 'memory' });
    try {
      expect((await call(`${server.url}/locked`, { method: 'PUT' })).status).toBe(401);
      const auth = `Basic ${Buffer.from('bob:b:pw').toString('base64')}`;
      const made = await call(`${server.url}/locked`, {
        method: 'PUT',
        headers: { Authorization: auth },
      });
      expect(made.status).toBe(201);
    } finally {
      await server.stop();
    }
  });

  it('a file that is not JSON names the file', () => {
    const file = configFile('{"admins": {');
    expect(() => loadConfig(file, {})).toThrow(`config file ${file}: `);
  });

  it.each<[string, unknown, string]>([
    ['admins not an object', { admins: 5 }, 'admins must be object'],
    ['an admin without a password', { admins: { alice: '' } }, 'admins.alice must NOT have fewer'],
    ['an admin password not a string', { admins: { alice: 1 } }, 'admins.alice must be string'],
    ['a misspelt admins', { admin: { alice: 'pw' } }, 'unknown option "admin"'],
    ['a user without a password', { users: { bob: { roles: [] } } }, 'users.bob must have'],
    ['an unknown adapter', { adapter: 'sqlite' }, 'adapter must be equal to one of'],
    ['a body limit as text', { maxBodyBytes: '64mb' }, 'maxBodyBytes must be integer'],
    ['cors: true', { cors: true }, 'cors must'],
    ['an array', [], 'the options must be object'],
  ])('%s is a TypeError naming it', (_, config, message) => {
    const file = configFile(JSON.stringify(config));
    expect(() => loadConfig(file, {})).toThrow(TypeError);
    expect(() => loadConfig(file, {})).toThrow(`config file ${file}: `);
    expect(() => loadConfig(file, {})).toThrow(message);
  });

  it.each(['garbage', 'alice', ':pw', 'alice:', 'alice:pw,bob'])(
    'SATCHEL_ADMINS=%s is refused, not read as no admins',
    (value) => {
      expect(() => loadConfig(undefined, { SATCHEL_ADMINS: value })).toThrow(
        'SATCHEL_ADMINS must be name:password pairs separated by commas',
      );
    },
  );

  it('an empty SATCHEL_ADMINS or blank entries add no admins', () => {
    expect(loadConfig(undefined, { SATCHEL_ADMINS: '' }).admins).toEqual({});
    expect(loadConfig(undefined, { SATCHEL_ADMINS: ' , alice:pw,' }).admins).toEqual({
      alice: 'pw',
    });
  });
});

describe('createServer checks its options the same way', () => {
  it('the schema knows every option createServer has, and no other', () => {
    const options = Object.keys(resolveOptions({}, 'secret')).filter((key) => key !== 'Satchel');
    expect(Object.keys(SERVER_OPTIONS_SCHEMA.properties).sort()).toEqual(options.sort());
  });

  it('null is the default for any option but admins and users', () => {
    const defaults = {
      secret: null,
      cors: null,
      maxBodyBytes: null,
      Satchel: null,
      adapter: 'memory',
    };
    expect(() => createServer(defaults as unknown as ServerOptions)).not.toThrow();
    const unlocked = { admins: null } as unknown as ServerOptions;
    expect(() => createServer(unlocked)).toThrow('createServer options: admins must be object');
  });

  it('refuses options of the wrong shape before opening anything', () => {
    const bad = { admins: ['alice:pw'] } as unknown as ServerOptions;
    expect(() => createServer(bad)).toThrow('createServer options: admins must be object');
    const typo = { adapter: 'memory', requireValidUsers: true } as unknown as ServerOptions;
    expect(() => createServer(typo)).toThrow('unknown option "requireValidUsers"');
    const notCtor = { Satchel: 'x' } as unknown as ServerOptions;
    expect(() => createServer(notCtor)).toThrow('Satchel must be a database constructor');
  });
});
