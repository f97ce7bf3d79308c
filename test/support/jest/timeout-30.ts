// The per-test (and per-hook) timeout of the projects that use this file: 30 s.
import { jest } from '@jest/globals';

jest.setTimeout(30_000);
