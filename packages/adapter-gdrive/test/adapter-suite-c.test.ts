import { runGDriveSuite } from './adapter-suite.js';

runGDriveSuite(['get-options', 'changes', 'lifecycle', 'compaction']);
