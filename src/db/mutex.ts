/**
 * In-process mutual exclusion by key: FIFO, with a bounded wait. Used by the write coordinator
 * (one key per person or article) and by the FerretDB write serializer (one key per collection).
 */
export class LockWaitTimeout extends Error {
  override name = 'LockWaitTimeout';
  constructor(readonly key: string) {
    super(`waited too long for ${key}`);
  }
}

export class KeyedMutex {
  /** Present while held; the array is the queue of waiters, in arrival order. */
  private readonly held = new Map<string, Array<() => void>>();

  /**
   * Resolves with a release function once `key` is free (at once if it is). Rejects with
   * LockWaitTimeout after `timeoutMs` (no timeout when Infinity); the waiter then leaves the queue.
   */
  acquire(key: string, timeoutMs = Number.POSITIVE_INFINITY): Promise<() => void> {
    const queue = this.held.get(key);
    if (!queue) {
      this.held.set(key, []);
      return Promise.resolve(this.releaser(key));
    }
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = () => {
        clearTimeout(timer);
        resolve(this.releaser(key));
      };
      queue.push(waiter);
      if (Number.isFinite(timeoutMs))
        timer = setTimeout(
          () => {
            const at = queue.indexOf(waiter);
            if (at >= 0) queue.splice(at, 1);
            reject(new LockWaitTimeout(key));
          },
          Math.max(0, timeoutMs),
        );
    });
  }

  /** Runs `fn` holding `key`. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Keys currently held (tests and diagnostics). */
  get size(): number {
    return this.held.size;
  }

  private releaser(key: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const queue = this.held.get(key);
      const next = queue?.shift();
      if (next) next();
      else this.held.delete(key);
    };
  }
}
