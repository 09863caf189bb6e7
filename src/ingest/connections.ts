import type { Database } from './database.js';

/**
 * `work` for every item, one item after another on each of two connections: the items
 * `onFirst` picks on `db`, the others meanwhile on a second connection (DuckDB runs the two at
 * once). The results are in the items' order.
 */
export async function onTwoConnections<T, R>(
  db: Database,
  items: T[],
  onFirst: (item: T) => boolean,
  work: (item: T, on: Database) => Promise<R>,
): Promise<R[]> {
  const side = await db.connect();
  try {
    const inTurn = async (list: T[], on: Database) => {
      const out = new Map<T, R>();
      for (const item of list) out.set(item, await work(item, on));
      return out;
    };
    const both = [
      inTurn(items.filter(onFirst), db),
      inTurn(
        items.filter((i) => !onFirst(i)),
        side,
      ),
    ];
    // Both finish before the second connection closes, even when one fails.
    const settled = await Promise.allSettled(both);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const done = new Map(settled.flatMap((s) => (s.status === 'fulfilled' ? [...s.value] : [])));
    return items.map((i) => done.get(i)!);
  } finally {
    side.close();
  }
}
