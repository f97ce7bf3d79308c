// An unknown input field named like a built-in property (issue 11, defect 2): `{ constructor: 1 }`
// once answered INTERNAL, because the dispatcher's map of field errors inherited from
// Object.prototype. Every action of every function (from the contract, so new ones are covered)
// gets each such key, as a member and as the park admin: the answer names the field, never INTERNAL.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { contract } from '../../../shared/contract';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { snapshot, startSeeded } from '../org/support.js';

const KEYS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];

describe('input fields named like built-in properties', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => {
    ({ emu, park } = await startSeeded());
  });
  afterAll(() => emu?.stop());

  test('user.me with { constructor: 1 }: INVALID_INPUT naming the field', async () => {
    const r = await as(emu, park, '王芳').call('user', 'me', { constructor: 1 });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'INVALID_INPUT');
    assert.deepEqual(!r.ok && r.error.fields, { constructor: ['不支持“constructor”这一项'] });
  });

  test('every action × every such key × a member and the park admin: never INTERNAL, nothing written', async () => {
    const wrong: string[] = [];
    const before = await snapshot(emu);
    for (const who of ['王芳', '周涛'] as const) {
      const actor = as(emu, park, who);
      for (const [fn, actions] of Object.entries(contract)) {
        for (const action of Object.keys(actions)) {
          for (const key of KEYS) {
            // A computed key is an own property, `__proto__` included, and JSON keeps it.
            const r = await actor.call(fn, action, { [key]: 1 });
            const what = `${fn}.${action} {${key}} as ${who}`;
            if (r.ok) wrong.push(`${what}: accepted`);
            else if (r.error.code === 'INTERNAL') wrong.push(`${what}: INTERNAL`);
            else if (r.error.code === 'INVALID_INPUT' && !r.error.fields?.[key]?.length && !/[\u4e00-\u9fff]/.test(r.error.message)) wrong.push(`${what}: no message`);
          }
        }
      }
    }
    assert.deepEqual(wrong, []);
    assert.equal(await snapshot(emu), before, 'a refused call wrote something');
  });
});
