import { HOLDER_SQL, type LockAttempt, type RunHolder } from '../lock-attempt.js';
import { connect } from './postgres-client.js';

/**
 * The advisory lock key of the run lock: the ASCII bytes of "recon" as a number. Advisory locks belong
 * to one database, so each database (each province) has its own run lock.
 */
export const RUN_LOCK_KEY = '491327287150';

/**
 * The run lock on PostgreSQL: a session-level advisory lock, taken on a connection of its own that stays
 * open for the whole run. The server releases it when that session ends, however the run ends: a killed
 * process's socket is closed by the kernel, and the server ends the session.
 */
export async function tryPostgresRunLock(url: string): Promise<LockAttempt> {
  const client = await connect(url);
  const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [RUN_LOCK_KEY]);
  if (rows[0]!.ok) return { lock: { release: () => client.end() } };
  try {
    const held = await client.query<RunHolder>(HOLDER_SQL);
    return { holder: held.rows[0] ?? null };
  } catch {
    return { holder: null }; // no runs table yet: the holder is just starting
  } finally {
    await client.end();
  }
}
