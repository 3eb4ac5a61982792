import { runGDriveSuite } from './adapter-suite.js';

runGDriveSuite(['bulk-docs', 'all-docs', 'conflicts']);
