/**
 * Unit vectors per document (its headline, then each passage), searched by brute-force cosine.
 * Rows live in one int8 slab with a scale per row: a quarter of the memory of float32 rows, and one
 * pass over contiguous memory per question. Cosines are exact to about ±0.005.
 */

/** Scales `vector` to unit length in place; an all-zero vector stays zero (it matches nothing). */
export function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i += 1) norm += vector[i] * vector[i];
  if (norm > 0) {
    const inverse = 1 / Math.sqrt(norm);
    for (let i = 0; i < vector.length; i += 1) vector[i] *= inverse;
  }
  return vector;
}

/** How well one document matches a question. */
export interface SemanticMatch {
  id: string;
  /** Cosine of the headline (title and questions) row. */
  headline: number;
  /** Best cosine over the passage rows (0 without passages), and that passage's index. */
  passage: number;
  passageIndex: number;
}

interface Placement {
  slot: number;
  start: number;
  count: number;
}

const DEAD = -1;

export class VectorIndex {
  dimensions = 0;
  private components = new Int8Array(0);
  private scales = new Float32Array(0);
  private owners = new Int32Array(0);
  private rows = 0;
  private deadRows = 0;
  private readonly placements = new Map<string, Placement>();
  private readonly slotIds: Array<string | undefined> = [];
  private readonly freeSlots: number[] = [];

  get size() {
    return this.placements.size;
  }

  private grow(needed: number) {
    if (needed <= this.owners.length) return;
    const capacity = Math.max(needed, this.owners.length * 2, 1024);
    const components = new Int8Array(capacity * this.dimensions);
    components.set(this.components);
    const scales = new Float32Array(capacity);
    scales.set(this.scales);
    const owners = new Int32Array(capacity).fill(DEAD);
    owners.set(this.owners);
    Object.assign(this, { components, scales, owners });
  }

  /** Gives back the spare capacity kept for growth (after a full build). */
  trim() {
    if (this.deadRows > 0) this.compact();
    const rows = Math.max(this.rows, 1);
    this.components = this.components.slice(0, rows * this.dimensions);
    this.scales = this.scales.slice(0, rows);
    this.owners = this.owners.slice(0, rows);
  }

  /** Stores a document's vectors: row 0 the headline, then one row per passage. */
  upsert(id: string, vectors: ArrayLike<number>[]) {
    this.delete(id);
    if (vectors.length === 0) return;
    this.dimensions ||= vectors[0].length;
    this.grow(this.rows + vectors.length);
    const slot = this.freeSlots.pop() ?? this.slotIds.length;
    this.slotIds[slot] = id;
    const start = this.rows;
    vectors.forEach((vector, offset) => {
      if (vector.length !== this.dimensions) {
        throw new Error(`livechat: embeddings of ${vector.length} dimensions in an index of ${this.dimensions}`);
      }
      const unit = normalise(Float32Array.from(vector));
      const largest = unit.reduce((max, value) => Math.max(max, Math.abs(value)), 0) || 1;
      const row = start + offset;
      for (let d = 0; d < this.dimensions; d += 1) {
        this.components[row * this.dimensions + d] = Math.round((unit[d] / largest) * 127);
      }
      this.scales[row] = largest / 127;
      this.owners[row] = slot;
    });
    this.rows += vectors.length;
    this.placements.set(id, { slot, start, count: vectors.length });
  }

  delete(id: string) {
    const placement = this.placements.get(id);
    if (!placement) return;
    this.owners.fill(DEAD, placement.start, placement.start + placement.count);
    this.deadRows += placement.count;
    this.placements.delete(id);
    this.slotIds[placement.slot] = undefined;
    this.freeSlots.push(placement.slot);
    if (this.deadRows > 1024 && this.deadRows > this.rows / 4) this.compact();
  }

  /** Moves live rows together after many deletions and updates. */
  private compact() {
    let to = 0;
    const starts = new Map<number, number>();
    for (let from = 0; from < this.rows; from += 1) {
      const owner = this.owners[from];
      if (owner === DEAD) continue;
      if (!starts.has(owner)) starts.set(owner, to);
      this.components.copyWithin(to * this.dimensions, from * this.dimensions, (from + 1) * this.dimensions);
      this.scales[to] = this.scales[from];
      this.owners[to] = owner;
      to += 1;
    }
    this.owners.fill(DEAD, to, this.rows);
    this.rows = to;
    this.deadRows = 0;
    for (const placement of this.placements.values()) placement.start = starts.get(placement.slot) ?? 0;
  }

  private cosine(query: Float32Array, row: number) {
    const offset = row * this.dimensions;
    let sum = 0;
    for (let d = 0; d < this.dimensions; d += 1) sum += query[d] * this.components[offset + d];
    return sum * this.scales[row];
  }

  /** The match of one document (undefined when it has no vectors). */
  match(id: string, query: Float32Array): SemanticMatch | undefined {
    const placement = this.placements.get(id);
    if (!placement || query.length !== this.dimensions) return undefined;
    let passage = 0;
    let passageIndex = 0;
    for (let offset = 1; offset < placement.count; offset += 1) {
      const value = this.cosine(query, placement.start + offset);
      if (value > passage) {
        passage = value;
        passageIndex = offset - 1;
      }
    }
    return { id, headline: this.cosine(query, placement.start), passage, passageIndex };
  }

  /** The `limit` documents whose best row (headline or passage) is closest to a unit `query`. */
  search(query: Float32Array, limit: number): SemanticMatch[] {
    if (query.length !== this.dimensions || this.placements.size === 0) return [];
    const best = new Float32Array(this.slotIds.length).fill(-Infinity);
    for (let row = 0; row < this.rows; row += 1) {
      const owner = this.owners[row];
      if (owner === DEAD) continue;
      const value = this.cosine(query, row);
      if (value > best[owner]) best[owner] = value;
    }
    const slots: number[] = [];
    best.forEach((value, slot) => {
      if (value > -Infinity) slots.push(slot);
    });
    slots.sort((a, b) => best[b] - best[a]);
    return slots.slice(0, limit).flatMap((slot) => {
      const match = this.match(this.slotIds[slot] as string, query);
      return match ? [match] : [];
    });
  }
}
