// npm run trigger -- <function> <trigger> [--url http://127.0.0.1:8787]
// Fires a timer trigger now on a running emulator and prints the outcome.
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string', default: 'http://127.0.0.1:8787' } } });
const [fn, trigger] = positionals;
if (!fn || !trigger) {
  console.error('usage: npm run trigger -- <function> <trigger> [--url http://127.0.0.1:8787]');
  process.exit(2);
}
const res = await fetch(`${values.url}/_emulator/triggers/run`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ function: fn, trigger }),
}).catch((e: Error) => {
  console.error(`no emulator at ${values.url}: ${e.message}`);
  process.exit(1);
});
const body = (await res.json()) as { ok?: boolean; time?: string; attempts?: number; error?: string; message?: string };
if (!res.ok) {
  console.error(body.message ?? JSON.stringify(body));
  process.exit(1);
}
console.log(`${fn}/${trigger} at ${body.time}: ${body.ok ? 'ok' : `failed after ${body.attempts} attempts: ${body.error}`}`);
process.exit(body.ok ? 0 : 1);
