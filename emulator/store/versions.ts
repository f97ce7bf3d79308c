// Old document versions kept only while transactions are open, so each transaction reads the
// snapshot it started with and a write to a document changed since then is a conflict.
export interface VersionEntry {
  /** The commit sequence number that replaced this version. */
  seq: number;
  /** The document text before that commit (null: it did not exist). */
  text: string | null;
}

export class Versions {
  seq = 0;
  private lastWrite = new Map<string, number>();
  private history = new Map<string, VersionEntry[]>();
  private byColl = new Map<string, Set<string>>();
  private openStarts = new Map<string, number>();

  static key(coll: string, idk: string): string {
    return `${coll}\u0001${idk}`;
  }

  get active(): boolean {
    return this.openStarts.size > 0;
  }

  begin(txId: string): number {
    this.openStarts.set(txId, this.seq);
    return this.seq;
  }

  end(txId: string): void {
    this.openStarts.delete(txId);
    this.collect();
  }

  /** Called after every committed write of a document. */
  record(coll: string, idk: string, oldText: string | null): void {
    if (!this.active) return;
    const key = Versions.key(coll, idk);
    this.seq++;
    this.lastWrite.set(key, this.seq);
    let list = this.history.get(key);
    if (!list) {
      list = [];
      this.history.set(key, list);
      let s = this.byColl.get(coll);
      if (!s) this.byColl.set(coll, (s = new Set()));
      s.add(idk);
    }
    list.push({ seq: this.seq, text: oldText });
  }

  changedSince(coll: string, idk: string, startSeq: number): boolean {
    return (this.lastWrite.get(Versions.key(coll, idk)) ?? 0) > startSeq;
  }

  /** The text a snapshot taken at startSeq sees, given the current text. */
  snapshotText(coll: string, idk: string, startSeq: number, current: string | null): string | null {
    const list = this.history.get(Versions.key(coll, idk));
    const older = list?.find((e) => e.seq > startSeq);
    return older ? older.text : current;
  }

  /** Ids in a collection with a version older than the current one. */
  changedIds(coll: string): Iterable<string> {
    return this.byColl.get(coll) ?? [];
  }

  private collect(): void {
    if (!this.active) {
      this.lastWrite.clear();
      this.history.clear();
      this.byColl.clear();
      return;
    }
    const minStart = Math.min(...this.openStarts.values());
    for (const [key, list] of this.history) {
      const kept = list.filter((e) => e.seq > minStart);
      if (kept.length) this.history.set(key, kept);
      else {
        this.history.delete(key);
        const [coll, idk] = key.split('\u0001') as [string, string];
        this.byColl.get(coll)?.delete(idk);
      }
    }
    for (const [key, seq] of this.lastWrite) if (seq <= minStart) this.lastWrite.delete(key);
  }
}
