// node bench/prof-top.mjs <file.cpuprofile>… [--top N]: self time by function (and by file), summed over the profiles.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const ti = args.indexOf('--top');
const top = ti >= 0 ? Number(args.splice(ti, 2)[1]) : 40;
const self = new Map();
const byFile = new Map();
let total = 0;
for (const f of args) {
  const p = JSON.parse(readFileSync(f, 'utf8'));
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  for (const [id, us] of dt) {
    const n = nodes.get(id);
    const cf = n.callFrame;
    const file = cf.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm/').replace(/^\/work\/(main|wt\/[^/]+)\//, '');
    const key = `${cf.functionName || '(anon)'}  ${file}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
    const fk = file || cf.functionName;
    byFile.set(fk, (byFile.get(fk) ?? 0) + us);
    if (cf.functionName !== '(idle)') total += us;
  }
}
const show = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).forEach(([k, us]) => console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`));
console.log(`non-idle: ${(total / 1000).toFixed(0)} ms`);
show(self, top);
console.log('--- by file');
show(byFile, 25);
