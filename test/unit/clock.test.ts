// The emulator's controllable clock. Real time is injected so nothing here waits.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { Clock } from '../../emulator/timers/clock.js';

const T = Date.parse('2026-12-01T01:00:00Z');

function fakeReal(start = Date.parse('2026-11-21T14:00:00Z')) {
  const real = { ms: start };
  return { real, clock: new Clock(() => real.ms) };
}

test('defaults to real time', () => {
  const c = new Clock();
  assert.ok(Math.abs(c.now() - Date.now()) < 50);
  assert.equal(c.frozen, false);
  assert.ok(Math.abs(c.offsetMs) < 50);
});

test('set jumps, then the clock keeps running', () => {
  const { real, clock } = fakeReal();
  clock.set(T);
  assert.equal(clock.now(), T);
  real.ms += 1500;
  assert.equal(clock.now(), T + 1500);
  assert.equal(clock.offsetMs, T - Date.parse('2026-11-21T14:00:00Z'));
});

test('set may go backwards', () => {
  const { clock } = fakeReal();
  clock.set(T);
  clock.set(T - 86_400_000);
  assert.equal(clock.now(), T - 86_400_000);
});

test('advance moves forward; negative or non-finite amounts are refused', () => {
  const { clock } = fakeReal();
  clock.set(T);
  clock.advance(60_000);
  assert.equal(clock.now(), T + 60_000);
  assert.throws(() => clock.advance(-1), RangeError);
  assert.throws(() => clock.advance(Number.NaN), RangeError);
  assert.throws(() => clock.set(Number.POSITIVE_INFINITY), RangeError);
  assert.equal(clock.now(), T + 60_000);
});

test('freeze stops time; set and advance still work while frozen; unfreeze continues from there', () => {
  const { real, clock } = fakeReal();
  clock.set(T);
  real.ms += 100;
  clock.freeze();
  assert.equal(clock.frozen, true);
  real.ms += 10_000;
  assert.equal(clock.now(), T + 100);
  clock.advance(1000);
  assert.equal(clock.now(), T + 1100);
  clock.set(T);
  assert.equal(clock.now(), T);
  clock.freeze(); // twice is harmless
  assert.equal(clock.now(), T);
  clock.unfreeze();
  assert.equal(clock.frozen, false);
  assert.equal(clock.now(), T);
  real.ms += 250;
  assert.equal(clock.now(), T + 250);
  clock.unfreeze(); // not frozen: nothing happens
  assert.equal(clock.now(), T + 250);
});

test('offsetMs drifts while frozen, since real time goes on', () => {
  const { real, clock } = fakeReal(T);
  clock.freeze();
  real.ms += 5000;
  assert.equal(clock.offsetMs, -5000);
});

test('onChange: called on set and advance, not on freeze/unfreeze; unsubscribe works', () => {
  const { clock } = fakeReal();
  const seen: number[] = [];
  const off = clock.onChange(() => seen.push(clock.now()));
  clock.set(T);
  clock.advance(1000);
  clock.freeze();
  clock.unfreeze();
  assert.deepEqual(seen, [T, T + 1000]);
  off();
  clock.advance(1000);
  assert.equal(seen.length, 2);
});

test('a throwing listener does not stop the others, and the jump still happens', () => {
  const { clock } = fakeReal();
  let called = 0;
  clock.onChange(() => {
    throw new Error('listener broke');
  });
  clock.onChange(() => called++);
  assert.throws(() => clock.set(T), /listener broke/);
  assert.equal(called, 1);
  assert.equal(clock.now(), T);
});
