/**
 * Slots counted per key and in total (open subscriptions per client, running exports per API key):
 * `take` gives an idempotent release, or says which cap refused.
 */
export type SlotRefusal = 'perKey' | 'total';

export class KeyedSlots {
  private readonly open = new Map<string, number>();
  private count = 0;

  constructor(
    private readonly perKey: number,
    private readonly max: number,
  ) {}

  get total(): number {
    return this.count;
  }

  openFor(key: string): number {
    return this.open.get(key) ?? 0;
  }

  take(key: string): { release: () => void } | { refused: SlotRefusal } {
    const mine = this.openFor(key);
    if (mine >= this.perKey) return { refused: 'perKey' };
    if (this.count >= this.max) return { refused: 'total' };
    this.open.set(key, mine + 1);
    this.count++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.count--;
        const left = this.openFor(key) - 1;
        if (left > 0) this.open.set(key, left);
        else this.open.delete(key);
      },
    };
  }
}
