// The demo park that `npm start` loads (about 20 enterprises, 8 branches, 150 people), and its CLI:
//   npm run seed:demo -- [--url http://127.0.0.1:8787]
// Idempotent: when the demo park exists it writes nothing. The park document is written last, so a run
// that died half-way is recognised (no park, some documents) and cleaned up before writing again.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { C } from '../cloudfunctions/_lib/db';
import { buildDemoPark } from './demo/build';
import { DEMO_PARK } from './demo/data';
import { adminApp, type Database } from './lib/admin-app';

export { buildDemoPark } from './demo/build';
export { DEMO_PARK } from './demo/data';

export interface SeedResult {
  created: boolean;
  enterprises: number;
  branches: number;
  people: number;
}

export async function seedDemoPark(db: Database, opts: { now?: Date } = {}): Promise<SeedResult> {
  const existing = await db.collection(C.parks).doc(DEMO_PARK._id).get();
  if (existing.data.length) {
    const count = async (c: string) => (await db.collection(c).where({ parkId: DEMO_PARK._id }).count()).total;
    return { created: false, enterprises: await count(C.enterprises), branches: await count(C.branches), people: await count(C.people) };
  }
  const demo = buildDemoPark(opts.now);
  for (const c of [C.people, C.branches, C.enterprises]) {
    await db.collection(c).where({ parkId: DEMO_PARK._id }).remove();
  }
  await db.collection(C.enterprises).add(demo.enterprises);
  await db.collection(C.branches).add(demo.branches);
  await db.collection(C.people).add(demo.people);
  await db.collection(C.parks).add(demo.park);
  return { created: true, enterprises: demo.enterprises.length, branches: demo.branches.length, people: demo.people.length };
}

export function describeSeed(r: SeedResult): string {
  return r.created
    ? `demo park loaded: ${r.enterprises} enterprises, ${r.branches} branches, ${r.people} people`
    : `demo park already loaded (${r.enterprises} enterprises, ${r.branches} branches, ${r.people} people)`;
}

async function cli() {
  const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:8787' } } });
  const { app } = adminApp({ url: values.url });
  console.log(`[seed] ${describeSeed(await seedDemoPark(app.database()))}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli().catch((e) => {
    console.error(`[seed] could not load the demo park: ${(e as Error).message}`);
    process.exit(1);
  });
}
