// A set of non-negative integers (event seqs, order ids) as bits in 64 Ki-wide pages: a wall client
// remembers every seq it received for minutes at a few bytes per thousand.
const PAGE_BITS = 1 << 16;

export class SeqSet {
  private readonly pages = new Map<number, Uint8Array>();
  size = 0;

  /** Adds n; false when it was already there. */
  add(n: number): boolean {
    const page = Math.floor(n / PAGE_BITS);
    let bits = this.pages.get(page);
    if (!bits) this.pages.set(page, (bits = new Uint8Array(PAGE_BITS / 8)));
    const i = n - page * PAGE_BITS;
    const mask = 1 << (i & 7);
    if (bits[i >> 3] & mask) return false;
    bits[i >> 3] |= mask;
    this.size++;
    return true;
  }

  has(n: number): boolean {
    const bits = this.pages.get(Math.floor(n / PAGE_BITS));
    if (!bits) return false;
    const i = n % PAGE_BITS;
    return (bits[i >> 3] & (1 << (i & 7))) !== 0;
  }
}
