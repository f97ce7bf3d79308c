import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// After a weapp build, writes dist/weapp-modules.json: each webpack module id in the output with the source
// files behind it (several when webpack concatenated modules into one) and their sizes before minifying.
// `npm run size -- --why` reads it to say which files and packages fill the main package (the bundles keep
// only module ids). It sits beside dist/weapp, not in it, so it is not part of what WeChat uploads.

interface Mod {
  size(): number;
  nameForCondition?(): string | null;
  identifier(): string;
  modules?: Iterable<Mod>;
}
interface Compilation {
  modules: Iterable<Mod>;
  chunkGraph: { getModuleId(m: Mod): string | number | null };
}
interface Compiler {
  hooks: { afterEmit: { tap(name: string, f: (c: Compilation) => void): void } };
}

/** A module's file: `node_modules/<package>/…` for libraries, else relative to the repository. */
function fileOf(m: Mod, repoRoot: string): string {
  const raw = (m.nameForCondition?.() ?? m.identifier()).split('!').pop()!.split('?')[0]!;
  const nm = raw.lastIndexOf('/node_modules/');
  if (nm >= 0) return raw.slice(nm + 1);
  return path.isAbsolute(raw) ? path.relative(repoRoot, raw).split(path.sep).join('/') : raw;
}

export class ModuleMapPlugin {
  constructor(
    private readonly file: string,
    private readonly repoRoot: string,
  ) {}

  apply(compiler: Compiler) {
    compiler.hooks.afterEmit.tap('RedparkModuleMap', (compilation) => {
      const modules: Record<string, [string, number][]> = {};
      for (const m of compilation.modules) {
        const id = compilation.chunkGraph.getModuleId(m);
        if (id === null || id === undefined) continue;
        const inner = m.modules ? [...m.modules] : [m];
        modules[String(id)] = inner.map((x) => [fileOf(x, this.repoRoot), x.size()]);
      }
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify({ modules }));
    });
  }
}
