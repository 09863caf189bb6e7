import { describe, expect, it } from 'vitest';
import { onTwoConnections } from '../../src/ingest/connections.js';
import { Database } from '../../src/ingest/database.js';

/** Sources read on two DuckDB connections at once (src/ingest/connections.ts). */
describe('reading on two connections', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('the first connection takes the small items left once its own are done; results come in the items order', async () => {
    const db = await Database.open();
    try {
      const items = ['police', 'asb', 'fire', 'survey', 'population', 'judgements'];
      let policeDone = false;
      const ranOn = new Map<string, 'first' | 'second'>();
      const results = await onTwoConnections(
        db,
        items,
        (i) => i === 'police',
        async (item, on) => {
          ranOn.set(item, on === db ? 'first' : 'second');
          // The second connection stays busy with its first item until the police item is done,
          // as the partners' sources do while a force's files are read.
          if (item === 'asb') while (!policeDone) await settle();
          else await settle();
          if (item === 'police') policeDone = true;
          const [r] = await on.all<{ v: string }>(`SELECT upper('${item}') AS v`);
          return r!.v;
        },
      );
      expect(results).toEqual(items.map((i) => i.toUpperCase()));
      expect(ranOn.get('police')).toBe('first');
      expect(ranOn.get('asb')).toBe('second');
      // Once police is done the first connection takes items the second has not reached.
      expect([...ranOn.values()].filter((c) => c === 'first').length).toBeGreaterThan(1);
      expect(ranOn.size).toBe(items.length);
    } finally {
      db.close();
    }
  });

  it('a failure is thrown once both have finished, and no further item is started', async () => {
    const db = await Database.open();
    try {
      const started: string[] = [];
      const run = onTwoConnections(
        db,
        ['a', 'b', 'c', 'd', 'e'],
        () => false,
        async (item) => {
          started.push(item);
          await settle();
          if (item === 'a') throw new Error('a failed');
          return item;
        },
      );
      await expect(run).rejects.toThrow('a failed');
      // a and b start together; a fails, and at most the item already taken beside it runs.
      expect(started.length).toBeLessThanOrEqual(3);
    } finally {
      db.close();
    }
  });
});
