import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { EXPRESSION_COLUMN, type Db } from '../../src/db/db.js';
import { withIndexesBuiltAfter } from '../../src/db/indexes-built-after.js';
import { BUILT_AFTER_THE_ROWS } from '../../src/reconcile/reconcile-year.js';
import { testDb } from '../helpers/engine.js';
import { tmp } from '../helpers/files.js';

/**
 * A full night drops the result indexes written at random (reconcile-year.ts BUILT_AFTER_THE_ROWS) and builds
 * them after its rows, finding them by their key columns in the catalogue (indexes-built-after.ts): a key that
 * matches no index would leave it in place, correct but slow, and nothing else would say so. Rule 8's block
 * index has an expression in its key (migration 018), which each engine's catalogue names its own way.
 */
describe('indexes built after the rows', () => {
  let db: Db | null = null;
  afterEach(async () => { await db?.close(); db = null; });

  it('finds each deferred key among the migrated indexes, the block index with its expression, drops it for the write and builds it again as it was', async () => {
    ({ db } = await openDatabase(testDb(tmp()), { create: true }));
    const d = db;
    const byBlock = (await d.plainIndexes('recon_results')).find((ix) => ix.name.endsWith('_by_block'));
    expect(byBlock?.columns).toEqual(['coverage_year', 'name', EXPRESSION_COLUMN, 'id_number']);
    expect(BUILT_AFTER_THE_ROWS).toEqual([byBlock!.columns]);
    const before = await d.plainIndexes('recon_results');
    let during: string[] = [];
    await d.transaction(async () => {
      await withIndexesBuiltAfter(d, 'recon_results', BUILT_AFTER_THE_ROWS, async () => {
        during = (await d.plainIndexes('recon_results')).map((ix) => ix.name);
      });
    });
    expect(during).toEqual(before.map((ix) => ix.name).filter((n) => n !== byBlock!.name));
    expect(await d.plainIndexes('recon_results')).toEqual(before);
  });
});
