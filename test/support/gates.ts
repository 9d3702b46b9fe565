import type { Collection, Document, FindCursor } from 'mongodb';

/**
 * The collection, with every `find(...).toArray()` run through `around`: a test can hold one
 * query's answer until another has answered, to fix the order answers arrive in.
 */
export function aroundFind<T extends Document>(
  collection: Collection<T>,
  around: (toArray: () => Promise<T[]>) => Promise<T[]>,
): Collection<T> {
  return new Proxy(collection, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (property !== 'find' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const cursor = (value as (...a: unknown[]) => FindCursor<T>).apply(target, args);
        return new Proxy(cursor, {
          get(c, p) {
            const v = Reflect.get(c, p, c) as unknown;
            if (p === 'toArray') return () => around(() => c.toArray());
            return typeof v === 'function' ? v.bind(c) : v;
          },
        });
      };
    },
  });
}
