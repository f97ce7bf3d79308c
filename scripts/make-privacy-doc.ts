// Writes docs/PRIVACY.md from shared/privacy.ts, the one source of the privacy notice the app shows.
// Run after changing the notice: npx tsx scripts/make-privacy-doc.ts (test/unit/privacy.test.ts fails
// while the two differ).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { privacyMarkdown } from '../shared/privacy';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/PRIVACY.md');
writeFileSync(file, privacyMarkdown());
console.log(`wrote ${file}`);
