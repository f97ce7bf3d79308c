// `npm run build:functions`: one deployable folder per cloud function in dist/cloudfunctions/<name>/:
// index.js (esbuild bundle, CommonJS for the Node runtime, with shared/ compiled in), config.json,
// and a package.json naming the one runtime dependency CloudBase installs in the cloud.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'cloudfunctions');
// `--out <dir>` builds elsewhere (tests running side by side each use their own folder).
const outAt = process.argv.indexOf('--out');
const out = outAt > 0 && process.argv[outAt + 1] ? path.resolve(process.argv[outAt + 1]) : path.join(root, 'dist/cloudfunctions');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const sdk = '@cloudbase/node-sdk';

rmSync(out, { recursive: true, force: true });
const names = readdirSync(src, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(src, d.name, 'index.ts')))
  .map((d) => d.name);
for (const name of names) {
  const dir = path.join(out, name);
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [path.join(src, name, 'index.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node16', // the oldest CloudBase Node.js runtime we allow
    external: [sdk], // installed by CloudBase from package.json
    alias: { '@shared': path.join(root, 'shared') },
    logLevel: 'warning',
  });
  if (existsSync(path.join(src, name, 'config.json'))) copyFileSync(path.join(src, name, 'config.json'), path.join(dir, 'config.json'));
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, version: pkg.version, private: true, main: 'index.js', dependencies: { [sdk]: pkg.dependencies[sdk] } }, null, 2) + '\n',
  );
}
copyFileSync(path.join(src, 'collections.json'), path.join(out, 'collections.json'));
console.log(`built ${names.length} function(s) into ${path.relative(root, out)}/: ${names.join(', ')}`);
