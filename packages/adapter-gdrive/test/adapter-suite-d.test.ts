import { remainingAreas, runGDriveSuite } from './adapter-suite.js';

runGDriveSuite(remainingAreas());
