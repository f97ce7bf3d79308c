// Discovers cloud functions (one folder each, CloudBase convention) and reads their config.json.
import { existsSync, readFileSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  // CloudBase default 3 s, at most 900 s.
  timeout: z.number().positive().max(900).default(3),
  triggers: z
    .array(z.object({ name: z.string().min(1), type: z.literal('timer'), config: z.string().min(1) }))
    .max(1, 'CloudBase allows one trigger per function')
    .default([]),
  permissions: z.object({ openapi: z.array(z.string()).default([]) }).default({ openapi: [] }),
  envVariables: z.record(z.string(), z.string()).default({}),
  memorySize: z.number().optional(),
});

export type FunctionConfig = z.infer<typeof configSchema>;

export interface FunctionDef {
  name: string;
  dir: string;
  entry: string;
  config: FunctionConfig;
  /** Why the function cannot run (bad config.json), if so. */
  error?: string;
}

const ENTRIES = ['index.ts', 'index.js', 'index.mjs', 'index.cjs'];

export function readFunction(root: string, name: string): FunctionDef | undefined {
  const dir = path.join(root, name);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return undefined;
  const entry = ENTRIES.map((e) => path.join(dir, e)).find((p) => existsSync(p));
  if (!entry) return undefined;
  const file = path.join(dir, 'config.json');
  let raw: unknown = {};
  try {
    if (existsSync(file)) raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { name, dir, entry, config: configSchema.parse({}), error: `config.json is not JSON: ${(e as Error).message}` };
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) return { name, dir, entry, config: configSchema.parse({}), error: `config.json: ${z.prettifyError(parsed.error)}` };
  return { name, dir, entry, config: parsed.data };
}

export class Registry {
  private defs = new Map<string, FunctionDef>();
  private watchers: FSWatcher[] = [];
  /** The folders searched, in order: a name found in an earlier folder wins (e.g. product, then test-only functions). */
  readonly roots: string[];

  constructor(roots: string | string[]) {
    this.roots = typeof roots === 'string' ? [roots] : roots;
    this.reload();
  }

  reload(): void {
    const next = new Map<string, FunctionDef>();
    for (const root of this.roots) {
      if (!existsSync(root)) continue;
      for (const name of readdirSync(root).sort()) {
        if (name.startsWith('.') || name.startsWith('_') || name === 'node_modules' || next.has(name)) continue;
        const def = readFunction(root, name);
        if (def) next.set(name, def);
      }
    }
    this.defs = next;
  }

  list(): FunctionDef[] {
    return [...this.defs.values()];
  }

  get(name: string): FunctionDef | undefined {
    return this.defs.get(name);
  }

  /**
   * Watch function sources (and extra folders such as shared/ that every function bundles).
   * `onChange` gets the changed function's name, or 'all' for a change outside one function.
   */
  watch(extraDirs: string[], onChange: (what: string) => void): void {
    const debounce = new Map<string, NodeJS.Timeout>();
    const fire = (what: string) => {
      clearTimeout(debounce.get(what));
      debounce.set(
        what,
        setTimeout(() => {
          this.reload();
          onChange(what);
        }, 100),
      );
    };
    const add = (dir: string, toName: (file: string) => string) => {
      if (!existsSync(dir)) return;
      const w = watch(dir, { recursive: true }, (_event, file) => {
        if (file && !String(file).includes('node_modules')) fire(toName(String(file)));
      });
      w.on('error', () => undefined);
      this.watchers.push(w);
    };
    for (const root of this.roots)
      add(root, (file) => {
        const first = file.split(path.sep)[0]!;
        return this.defs.has(first) || existsSync(path.join(root, first, 'index.ts')) ? first : 'all';
      });
    for (const dir of extraDirs) add(dir, () => 'all');
  }

  close(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
