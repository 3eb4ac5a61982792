// Runs in Chromium: adapter-http's run of the API-level suite, against a CouchDB-compatible
// server the page reaches through its own origin (/couch, proxied by the test's static server).
import { randomName, runAdapterSuite } from '@satchel/adapter-suite';
import { httpSuiteSettings } from '../../../../packages/adapter-http/test/suite-settings.js';
import Satchel from '../../src/index.js';

runAdapterSuite({
  label: 'adapter-http in chromium',
  Satchel,
  uniqueName: () => `${location.origin}/couch/${randomName()}`,
  ...httpSuiteSettings(false),
});
