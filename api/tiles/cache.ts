// A small LRU of encoded tiles, emptied whenever the data behind them changes — on every node, when the
// app gives it a way to say so (the invalidation bus).
export class TileCache {
  private readonly map = new Map<string, Buffer>();
  private version = 0;

  constructor(
    private readonly capacity: number,
    /** Tells every node to clear (each then calls clear()); without it, invalidate() clears this node only. */
    private readonly announce?: () => void,
  ) {}

  get(key: string): Buffer | undefined {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  set(key: string, tile: Buffer): void {
    if (this.capacity === 0) return;
    this.map.delete(key);
    this.map.set(key, tile);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  /** Called by every writer of areas, roads or water. */
  invalidate(): void {
    if (this.announce) this.announce();
    else this.clear();
  }

  /** Empties this node's copy. */
  clear(): void {
    this.map.clear();
    this.version++;
  }

  get generation(): number {
    return this.version;
  }

  get size(): number {
    return this.map.size;
  }
}
