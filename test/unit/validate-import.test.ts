// Pages check forms with validate() from services/validate (subpackage pages only): services/api has none, because
// the contract's schemas would bring zod into the main package (docs/ARCHITECTURE.md, "Package layout"). This keeps
// a main-package page from pulling services/validate (and zod) in by accident.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../miniapp/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

test('no page or component imports validate from services/api', () => {
  const files = sources(SRC);
  assert.ok(files.length > 50);
  const wrong = files.filter((f) => /import\s*\{[^}]*\bvalidate\b[^}]*\}\s*from\s*'[./]*services\/api'/.test(readFileSync(f, 'utf8')));
  assert.equal(wrong.length, 0, wrong.map((f) => path.relative(SRC, f)).join(', '));
  const right = files.filter((f) => /from '[./]*services\/validate'/.test(readFileSync(f, 'utf8')));
  assert.ok(right.length >= 20, `${right.length} files import services/validate`);
});
