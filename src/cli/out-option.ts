import { engineOf } from '../db/database-target.js';
import { checkOutFolder } from '../export/out-folder.js';
import { UsageError } from '../base/recon-error.js';

/**
 * `--out`, checked before anything is done (no lock, no database, nothing written): the export replaces
 * the folder whole, so it must be the job's own or new or empty, and must not be or hold the inbox, the
 * database's folder, the policies folder or the current folder (export/out-folder.ts). Returns the real
 * path, which the run then uses, so that what was checked is what is written. A refusal is exit 2.
 */
export function outOption(flag: string | undefined, guards: { db: string; inbox?: string; policies?: string | null }): string {
  if (!flag) throw new UsageError('needs --out DIR');
  const db = engineOf(guards.db) === 'sqlite' && guards.db !== ':memory:' ? guards.db : null;
  const checked = checkOutFolder(flag, { cwd: process.cwd(), db, inbox: guards.inbox, policies: guards.policies });
  if ('refusal' in checked) throw new UsageError(`--out ${flag} ${checked.refusal}; nothing was done`);
  return checked.out;
}
