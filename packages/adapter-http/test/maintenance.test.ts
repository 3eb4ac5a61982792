import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, dbUrl, S, useCouchServer } from './setup-server.js';

describe('http adapter: maintenance', () => {
  let server: CouchServer;
  beforeAll(async () => {
    server = await useCouchServer();
  });
  afterAll(() => server.stop());

  it('compacts', async () => {
    const db = new S(dbUrl(server));
    await db.put({ _id: 'a' });
    await expect(db.compact()).resolves.toMatchObject({ ok: true });
    await db.destroy();
  });

  it('destroys the database on the server', async () => {
    const url = dbUrl(server);
    await new S(url).destroy();
    const res = await fetch(url);
    expect(res.status).toBe(404);
  });

  it('closes without touching the server', async () => {
    const url = dbUrl(server);
    const db = new S(url);
    await db.info();
    await db.close();
    expect((await fetch(url)).status).toBe(200);
  });
});
