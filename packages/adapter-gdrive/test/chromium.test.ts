import { fileURLToPath } from 'node:url';
import { reportBrowserResults, runBrowserTests } from '@satchel/browser-runner';
import { type DriveServer, startDriveServer } from './drive-server.js';

const server: DriveServer = await startDriveServer();
try {
  const results = await runBrowserTests({
    files: [fileURLToPath(new URL('./browser/gdrive.browser.ts', import.meta.url))],
    env: { DRIVE_URL: server.url },
    timeoutMs: 90_000,
  });
  reportBrowserResults(results);
} finally {
  await server.stop();
}
