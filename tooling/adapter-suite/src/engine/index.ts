export type { EngineCheck, EngineNeed } from './check.js';
export { codePointOrder, codePoints, EngineModel } from './engine-model.js';
export { engineChecks, runEngineCheck, runEngineSuite } from './engine-suite.js';
export type { CreateEngine, EngineSuiteOptions, Opened } from './harness.js';
export { EngineHarness } from './harness.js';
