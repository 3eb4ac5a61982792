import { describe } from 'vitest';
import { findSuite } from './find-suite.js';
import { newDb } from './helpers.js';

describe('on adapter-memory', () => findSuite(newDb));
