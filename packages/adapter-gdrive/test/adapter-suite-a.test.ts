import { runGDriveSuite } from './adapter-suite.js';

runGDriveSuite(['basics', 'revs-limit', 'info', 'design-docs', 'bulk-get']);
