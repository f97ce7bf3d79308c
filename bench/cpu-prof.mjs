// Preloaded with NODE_OPTIONS="--import <this file>" by `BENCH_PROF=<dir> npm run bench:leaderboard` (Node 20 refuses
// --cpu-prof in NODE_OPTIONS, and the function instances are started by the emulator): the first SIGUSR2 starts the
// V8 CPU profiler in this process, the next stops it and writes <dir>/<pid>.cpuprofile (open in Chrome DevTools, or
// summarise with bench/prof-top.mjs). Only the window between the two signals is profiled.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

// The folder comes in this module's URL (…/cpu-prof.mjs?dir=…): NODE_OPTIONS reaches the instances, other variables do not.
const dir = new URL(import.meta.url).searchParams.get('dir');
if (dir) {
  const session = new Session();
  session.connect();
  let on = false;
  process.on('SIGUSR2', () => {
    if (!on) {
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')));
      on = true;
      return;
    }
    on = false;
    session.post('Profiler.stop', (err, r) => {
      if (!err) writeFileSync(path.join(dir, `${process.pid}-${path.basename(process.argv[2] ?? process.argv[1] ?? 'node')}.cpuprofile`), JSON.stringify(r.profile));
    });
  });
}
