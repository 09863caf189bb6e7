import type { Database } from './database.js';

/**
 * `work` for every item on two connections at once (DuckDB runs them together): the items
 * `onFirst` picks on `db`, one after another; the others on a second connection, and on `db`
 * too once its own are done, each connection taking the next item left when it is free (the
 * partners' small sources are not left queued on one connection while the other stands idle).
 * The results are in the items' order.
 */
export async function onTwoConnections<T, R>(
  db: Database,
  items: T[],
  onFirst: (item: T) => boolean,
  work: (item: T, on: Database) => Promise<R>,
): Promise<R[]> {
  const side = await db.connect();
  try {
    const done = new Map<T, R>();
    const shared = items.filter((i) => !onFirst(i));
    let failed = false;
    const takeShared = async (on: Database) => {
      for (let item = shared.shift(); item !== undefined && !failed; item = shared.shift()) done.set(item, await work(item, on));
    };
    const both = [
      (async () => {
        for (const item of items.filter(onFirst)) done.set(item, await work(item, db));
        await takeShared(db);
      })(),
      takeShared(side),
    ];
    // A failure stops both from taking more; both finish before the second connection closes.
    for (const b of both) b.catch(() => (failed = true));
    const settled = await Promise.allSettled(both);
    const rejected = settled.find((s) => s.status === 'rejected');
    if (rejected) throw rejected.reason;
    return items.map((i) => done.get(i)!);
  } finally {
    side.close();
  }
}
