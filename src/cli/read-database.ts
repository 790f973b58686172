import type { Db } from '../db/db.js';
import { namedDatabaseError } from '../db/database-errors.js';
import { openDatabase } from '../db/open-database.js';

/**
 * Runs `read` on a database that must exist (the reading commands, `explain` and `policies --db`): one
 * that does not is refused (exit 2) and never created (spec 6); a database error names the database; the
 * database is closed however `read` ends.
 */
export async function withExistingDatabase<T>(target: string, read: (db: Db) => Promise<T>): Promise<T> {
  const { db } = await openDatabase(target, { create: false });
  try {
    return await read(db);
  } catch (err) {
    throw namedDatabaseError(err, target);
  } finally {
    await db.close();
  }
}
