// Every message a form can show is Chinese: the contract's own, and zod's built-in ones (wrong type,
// unknown key, missing field), for every action's input, as the phone's validate() and the dispatcher see them.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { contract } from '../../shared/contract/index.js';

const HAN = /[\u4e00-\u9fa5]/;
const WRONG = [12345, null, { zzz: 1 }, { offset: 'x', limit: -1, id: 5, text: 7, date: 20261130 }];

test('no English validation message in any action input', () => {
  const english: string[] = [];
  let seen = 0;
  for (const [fn, actions] of Object.entries(contract))
    for (const [action, spec] of Object.entries(actions as Record<string, { input: { safeParse(v: unknown): any } }>))
      for (const v of WRONG) {
        const r = spec.input.safeParse(v);
        if (r.success) continue;
        for (const issue of r.error.issues) {
          seen++;
          if (!HAN.test(issue.message)) english.push(`${fn}.${action}: ${issue.message}`);
        }
      }
  assert.ok(seen > 100, `only ${seen} messages checked`);
  assert.deepEqual(english, []);
});
