/**
 * An in-memory candidate index of the organisations' normalised names (ADR 0015): for every trigram (three UTF-16
 * units, no padding) the slots of the names containing it, in ascending order. A substring search walks the list of
 * the term's rarest trigram and checks each name with `includes`, stopping at the limit: its cost is the length of
 * that one list (short for rare or misspelt text) or the distance to the limit-th match (short for common text),
 * never the sum over all the term's trigrams that a GIN bitmap scan pays. It only proposes organisation ids: the
 * caller re-reads them from PostgreSQL with the same predicate, which stays the truth.
 *
 * A change replaces the organisation's slot by a new one (the old slot is marked dead and skipped), so that every
 * posting list stays sorted by construction.
 */
export class NameIndex {
  private names: Array<string | null> = [];
  private foreign: boolean[] = [];
  private ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly postings = new Map<number, { slots: Int32Array; length: number }>();

  /**
   * Builds the index of many names at once, each posting list allocated to its exact size; it yields to the event
   * loop every `chunk` names, so that a replica rebuilding its index keeps answering meanwhile.
   */
  static async build(rows: Array<{ id: string; foreign: boolean; name: string }>, chunk = 10_000): Promise<NameIndex> {
    const index = new NameIndex();
    const counts = new Map<number, number>();
    for (let from = 0; from < rows.length; from += chunk) {
      for (let slot = from; slot < Math.min(rows.length, from + chunk); slot++) {
        forEachTrigram(rows[slot].name, (key) => counts.set(key, (counts.get(key) ?? 0) + 1));
      }
      await new Promise((r) => setImmediate(r));
    }
    for (const [key, count] of counts) index.postings.set(key, { slots: new Int32Array(count), length: 0 });
    for (let from = 0; from < rows.length; from += chunk) {
      for (let slot = from; slot < Math.min(rows.length, from + chunk); slot++) {
        index.append(rows[slot].id, rows[slot].foreign, rows[slot].name);
      }
      await new Promise((r) => setImmediate(r));
    }
    return index;
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Records the current name of an organisation (`null`: it no longer exists). Idempotent. */
  apply(id: string, foreign: boolean, name: string | null): void {
    const slot = this.slotOf.get(id);
    if (slot !== undefined) {
      if (this.names[slot] === name && this.foreign[slot] === foreign) return;
      this.names[slot] = null;
      this.slotOf.delete(id);
    }
    if (name !== null) this.append(id, foreign, name);
  }

  /**
   * Records an organisation unknown to the index; does nothing if the index already has it (its notification, or a
   * later one, came first and is at least as new).
   */
  applyIfAbsent(id: string, foreign: boolean, name: string): void {
    if (!this.slotOf.has(id)) this.append(id, foreign, name);
  }

  /**
   * Ids of up to `limit` organisations whose name contains `text` but does not start with it (the prefix part of the
   * search has those), of the given Tipo profilo. `text` is normalised and at least 3 characters long.
   */
  containing(text: string, foreign: boolean | undefined, limit: number): string[] {
    let rarest: { slots: Int32Array; length: number } | undefined;
    let missing = false;
    forEachTrigram(text, (key) => {
      const list = this.postings.get(key);
      if (!list || list.length === 0) missing = true;
      else if (!rarest || list.length < rarest.length) rarest = list;
    });
    if (missing || !rarest) return [];
    const found: string[] = [];
    for (let i = 0; i < rarest.length && found.length < limit; i++) {
      const slot = rarest.slots[i];
      const name = this.names[slot];
      if (name === null || (foreign !== undefined && this.foreign[slot] !== foreign)) continue;
      if (name.includes(text) && !name.startsWith(text)) found.push(this.ids[slot]);
    }
    return found;
  }

  private append(id: string, foreign: boolean, name: string): void {
    const slot = this.names.length;
    this.names.push(name);
    this.foreign.push(foreign);
    this.ids.push(id);
    this.slotOf.set(id, slot);
    forEachTrigram(name, (key) => {
      let list = this.postings.get(key);
      if (!list) {
        list = { slots: new Int32Array(4), length: 0 };
        this.postings.set(key, list);
      }
      if (list.length > 0 && list.slots[list.length - 1] === slot) return; // the trigram again in the same name
      if (list.length === list.slots.length) {
        const grown = new Int32Array(Math.ceil(list.slots.length * 1.5) + 4);
        grown.set(list.slots);
        list.slots = grown;
      }
      list.slots[list.length++] = slot;
    });
  }
}

/** Calls `visit` with a numeric key for every trigram of `text` (repeats included). */
function forEachTrigram(text: string, visit: (key: number) => void): void {
  for (let i = 0; i + 3 <= text.length; i++) {
    visit(text.charCodeAt(i) * 4294967296 + text.charCodeAt(i + 1) * 65536 + text.charCodeAt(i + 2));
  }
}
