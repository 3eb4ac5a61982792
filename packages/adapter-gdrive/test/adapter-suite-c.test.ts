import { runGDriveSuite, SPLIT } from './adapter-suite.js';

runGDriveSuite(SPLIT.c);
