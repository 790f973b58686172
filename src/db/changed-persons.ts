import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * The persons recon_changed_persons lists for coverage year `year`, as a subquery for `id_number in (…)`: on
 * an incremental night, those it recomputes (reconcile/dirty-persons.ts), and afterwards those whose rows
 * may differ from the reconcile it follows (the export, the invariants).
 */
export function changedPersons(k: Kysely<Database>, year: number) {
  return k.selectFrom('recon_changed_persons').select('id_number').where('coverage_year', '=', year);
}
