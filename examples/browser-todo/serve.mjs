// `pnpm example:browser`: serves the todo example and prints its URL. Ctrl-C stops it.
import { startTodoApp } from './server.mjs';

const app = await startTodoApp();
console.log(`Satchel todo example: ${app.url}`);
console.log(`CouchDB-compatible server (in memory): ${app.couchUrl}`);
console.log('Open the URL in two tabs; todos sync between them and with the server. Ctrl-C stops.');
process.on('SIGINT', async () => {
  await app.stop();
  process.exit(0);
});
