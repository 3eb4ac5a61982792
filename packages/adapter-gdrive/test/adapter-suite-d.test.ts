import { runGDriveSuite } from './adapter-suite.js';

runGDriveSuite(['attachments', 'concurrency', 'local-docs', 'purge', 'revs-diff']);
