// Where stored files live. The index (one row per cloud path) is SQLite, `<data>/storage.sqlite` next to the
// database; the bytes are files under `<data>/storage/objects/`, named by a random blob id (plus the extension,
// so they open in a viewer), never by the cloud path. With --memory both live in memory.
//
// Durability: an upload is written to `<data>/storage/tmp/`, renamed into objects/, and only then its row is
// committed; an overwritten or deleted file's blob is unlinked after the commit. So a row never names a missing
// blob, whatever moment the process dies at, and the blobs nobody names (a kill between rename and commit, or
// before an unlink) are swept at the next start. With `--sync full` the blob and its folder are fsynced before the
// commit (power loss); with the default NORMAL a committed upload survives the process being killed.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { extensionOf } from './ids.js';
import type { Uploader } from './signing.js';

export interface FileMeta {
  path: string;
  blob: string;
  size: number;
  contentType: string;
  /** MD5 of the content, hex (COS's ETag for a simple upload, without the quotes). */
  etag: string;
  cosFileId: string;
  /** Emulator clock, ms. */
  uploadedAt: number;
  uploader: Uploader;
}

export interface NewFile {
  path: string;
  contentType: string;
  cosFileId: string;
  uploadedAt: number;
  uploader: Uploader;
}

/** An upload being received: chunks in, then commit (or abort: nothing is kept). */
export interface Upload {
  write(chunk: Buffer): Promise<void>;
  readonly size: number;
  abort(): Promise<void>;
  /**
   * Stores the file. `guard`, when given, runs inside the commit with whatever the path holds at that moment; the
   * upload is refused ('refused', nothing kept) when it returns false.
   */
  commit(file: NewFile, guard?: (old: FileMeta | undefined) => boolean): Promise<FileMeta | 'refused'>;
}

export interface FileStoreOptions {
  /** The data folder (the one holding emulator.sqlite); undefined keeps everything in memory. */
  dataDir?: string;
  synchronous?: 'NORMAL' | 'FULL';
}

interface Row {
  path: string;
  blob: string;
  size: number;
  content_type: string;
  etag: string;
  cos_file_id: string;
  uploaded_at: number;
  uploader: string;
}

const toMeta = (r: Row): FileMeta => ({
  path: r.path, blob: r.blob, size: r.size, contentType: r.content_type, etag: r.etag, cosFileId: r.cos_file_id,
  uploadedAt: r.uploaded_at, uploader: JSON.parse(r.uploader) as Uploader,
});

export class FileStore {
  readonly secret: Buffer;
  private readonly db: Database.Database;
  private readonly objects?: string;
  private readonly tmp?: string;
  private readonly full: boolean;
  private readonly memory = new Map<string, Buffer>();
  private readonly stmt: Record<'get' | 'upsert' | 'del' | 'totals', Database.Statement>;

  constructor(opts: FileStoreOptions = {}) {
    this.full = opts.synchronous === 'FULL';
    if (opts.dataDir) {
      this.objects = path.join(opts.dataDir, 'storage', 'objects');
      this.tmp = path.join(opts.dataDir, 'storage', 'tmp');
      mkdirSync(this.objects, { recursive: true });
      mkdirSync(this.tmp, { recursive: true });
    }
    this.db = new Database(opts.dataDir ? path.join(opts.dataDir, 'storage.sqlite') : ':memory:');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, blob TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
        content_type TEXT NOT NULL, etag TEXT NOT NULL, cos_file_id TEXT NOT NULL, uploaded_at INTEGER NOT NULL,
        uploader TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS files_by_time ON files (uploaded_at DESC, path);`);
    const secret = this.db.prepare("SELECT v FROM meta WHERE k = 'secret'").get() as { v: Buffer } | undefined;
    if (secret) this.secret = secret.v;
    else {
      this.secret = randomBytes(32);
      this.db.prepare("INSERT INTO meta (k, v) VALUES ('secret', ?)").run(this.secret);
    }
    this.stmt = {
      get: this.db.prepare('SELECT * FROM files WHERE path = ?'),
      upsert: this.db.prepare(`INSERT INTO files (path, blob, size, content_type, etag, cos_file_id, uploaded_at, uploader)
        VALUES (@path, @blob, @size, @content_type, @etag, @cos_file_id, @uploaded_at, @uploader)
        ON CONFLICT (path) DO UPDATE SET blob = excluded.blob, size = excluded.size, content_type = excluded.content_type,
        etag = excluded.etag, cos_file_id = excluded.cos_file_id, uploaded_at = excluded.uploaded_at, uploader = excluded.uploader`),
      del: this.db.prepare('DELETE FROM files WHERE path = ?'),
      totals: this.db.prepare('SELECT COUNT(*) AS files, COALESCE(SUM(size), 0) AS bytes FROM files'),
    };
    this.sweep();
  }

  close(): void {
    this.db.close();
  }

  get(p: string): FileMeta | undefined {
    const r = this.stmt.get.get(p) as Row | undefined;
    return r && toMeta(r);
  }

  totals(): { files: number; bytes: number } {
    return this.stmt.totals.get() as { files: number; bytes: number };
  }

  /** Files whose path starts with `prefix`, newest first. */
  list(prefix: string, offset: number, limit: number): { total: number; files: FileMeta[] } {
    const where = 'WHERE substr(path, 1, length(@prefix)) = @prefix';
    const { total } = this.db.prepare(`SELECT COUNT(*) AS total FROM files ${where}`).get({ prefix }) as { total: number };
    const rows = this.db
      .prepare(`SELECT * FROM files ${where} ORDER BY uploaded_at DESC, path LIMIT @limit OFFSET @offset`)
      .all({ prefix, limit, offset }) as Row[];
    return { total, files: rows.map(toMeta) };
  }

  newUpload(cloudPath: string): Upload {
    const blob = this.blobName(cloudPath);
    const hash = createHash('md5');
    let size = 0;
    let done = false;
    if (!this.objects) {
      const chunks: Buffer[] = [];
      return {
        get size() {
          return size;
        },
        write: async (chunk) => {
          chunks.push(chunk);
          hash.update(chunk);
          size += chunk.length;
        },
        abort: async () => {
          done = true;
          chunks.length = 0;
        },
        commit: async (file, guard) => {
          if (done) throw new Error('upload already finished');
          done = true;
          this.memory.set(blob, Buffer.concat(chunks));
          return this.publish(file, blob, size, hash.digest('hex'), guard);
        },
      };
    }
    const tmp = path.join(this.tmp!, `${blob}.part`);
    let fh: FileHandle | undefined;
    return {
      get size() {
        return size;
      },
      write: async (chunk) => {
        fh ??= await fsp.open(tmp, 'wx');
        await fh.write(chunk);
        hash.update(chunk);
        size += chunk.length;
      },
      abort: async () => {
        done = true;
        await fh?.close().catch(() => undefined);
        await fsp.rm(tmp, { force: true });
      },
      commit: async (file, guard) => {
        if (done) throw new Error('upload already finished');
        done = true;
        fh ??= await fsp.open(tmp, 'wx'); // an empty file
        try {
          if (this.full) await fh.sync();
        } finally {
          await fh.close();
        }
        await this.place(tmp, blob);
        return this.publish(file, blob, size, hash.digest('hex'), guard);
      },
    };
  }

  /** The content of a stored file as a stream; undefined when it went away meanwhile (deleted or replaced). */
  async open(meta: FileMeta): Promise<Readable | undefined> {
    if (!this.objects) {
      const buf = this.memory.get(meta.blob);
      return buf && Readable.from([buf]);
    }
    try {
      const fh = await fsp.open(this.blobPath(meta.blob), 'r');
      return fh.createReadStream();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async read(meta: FileMeta): Promise<Buffer | undefined> {
    if (!this.objects) return this.memory.get(meta.blob);
    try {
      return await fsp.readFile(this.blobPath(meta.blob));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** Deletes a file; returns what was there, or undefined. */
  async remove(p: string): Promise<FileMeta | undefined> {
    const old = this.db.transaction(() => {
      const r = this.get(p);
      if (r) this.stmt.del.run(p);
      return r;
    })();
    if (old) await this.dropBlob(old.blob);
    return old;
  }

  /**
   * Copies `src` to `dst` (a new blob with the same content and type), optionally removing `src` in the same
   * commit. 'missing' when src does not exist, 'exists' when dst exists and overwrite is false.
   */
  async copy(src: string, dst: string, opts: { overwrite: boolean; removeOriginal: boolean; now: number; uploader: Uploader; cosFileId: string }):
    Promise<FileMeta | 'missing' | 'exists'> {
    const from = this.get(src);
    if (!from) return 'missing';
    if (!opts.overwrite && this.get(dst)) return 'exists';
    const blob = this.blobName(dst);
    if (!this.objects) {
      const buf = this.memory.get(from.blob);
      if (!buf) return 'missing';
      this.memory.set(blob, buf);
    } else {
      const tmp = path.join(this.tmp!, `${blob}.part`);
      try {
        await fsp.copyFile(this.blobPath(from.blob), tmp);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
        throw e;
      }
      if (this.full) {
        const fh = await fsp.open(tmp, 'r+');
        await fh.sync().finally(() => fh.close());
      }
      await this.place(tmp, blob);
    }
    const file: NewFile = { path: dst, contentType: from.contentType, cosFileId: opts.cosFileId, uploadedAt: opts.now, uploader: opts.uploader };
    const result = this.db.transaction(() => {
      // Checked again inside the commit: another request may have changed either path meanwhile.
      const still = this.get(src);
      if (!still || still.blob !== from.blob) return 'missing' as const;
      const old = this.get(dst);
      if (old && !opts.overwrite) return 'exists' as const;
      if (opts.removeOriginal) this.stmt.del.run(src);
      this.upsertRow(file, blob, from.size, from.etag);
      return { old };
    })();
    if (typeof result === 'string') {
      await this.dropBlob(blob);
      return result;
    }
    if (result.old) await this.dropBlob(result.old.blob);
    if (opts.removeOriginal) await this.dropBlob(from.blob);
    return { ...file, blob, size: from.size, etag: from.etag };
  }

  private async publish(file: NewFile, blob: string, size: number, etag: string, guard?: (old: FileMeta | undefined) => boolean):
    Promise<FileMeta | 'refused'> {
    const out = this.db.transaction(() => {
      const old = this.get(file.path);
      if (guard && !guard(old)) return 'refused' as const;
      this.upsertRow(file, blob, size, etag);
      return { old };
    })();
    if (out === 'refused') {
      await this.dropBlob(blob);
      return out;
    }
    if (out.old) await this.dropBlob(out.old.blob);
    return { ...file, blob, size, etag };
  }

  private upsertRow(file: NewFile, blob: string, size: number, etag: string): void {
    this.stmt.upsert.run({
      path: file.path, blob, size, content_type: file.contentType, etag, cos_file_id: file.cosFileId,
      uploaded_at: file.uploadedAt, uploader: JSON.stringify(file.uploader),
    });
  }

  private blobName(cloudPath: string): string {
    const ext = extensionOf(cloudPath);
    return randomBytes(12).toString('hex') + (/^[a-z0-9]{1,8}$/.test(ext) ? `.${ext}` : '');
  }

  private blobPath(blob: string): string {
    return path.join(this.objects!, blob.slice(0, 2), blob);
  }

  /** Moves a finished temporary file to its blob name (fsyncing the folder with --sync full). */
  private async place(tmp: string, blob: string): Promise<void> {
    const dir = path.join(this.objects!, blob.slice(0, 2));
    await fsp.mkdir(dir, { recursive: true });
    await fsp.rename(tmp, path.join(dir, blob));
    if (this.full) {
      const d = await fsp.open(dir, 'r');
      await d.sync().finally(() => d.close());
    }
  }

  private async dropBlob(blob: string): Promise<void> {
    if (!this.objects) {
      this.memory.delete(blob);
      return;
    }
    await fsp.rm(this.blobPath(blob), { force: true });
  }

  /** At start: temporary files of uploads that never finished, and blobs no row names, go. */
  private sweep(): void {
    if (!this.objects) return;
    for (const f of readdirSync(this.tmp!)) rmSync(path.join(this.tmp!, f), { force: true });
    const named = new Set((this.db.prepare('SELECT blob FROM files').all() as { blob: string }[]).map((r) => r.blob));
    for (const d of readdirSync(this.objects, { withFileTypes: true })) {
      const dir = path.join(this.objects, d.name);
      if (!d.isDirectory()) continue;
      for (const f of readdirSync(dir)) if (!named.has(f)) rmSync(path.join(dir, f), { force: true });
    }
  }
}
