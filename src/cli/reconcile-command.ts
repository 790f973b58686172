import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open-database.js';
import { PolicySet } from '../policy/policy-set.js';
import { reconcileYear } from '../reconcile/reconcile-year.js';
import { EXIT } from './errors.js';
import { databasePath } from './options.js';
import { asOfDate, coverageYear } from './year-options.js';

export const RECONCILE_HELP = `recon reconcile [--db FILE] [--year Y] [--as-of DATE] [--policies DIR]
  Applies the policy rules to every person for coverage year Y as of DATE and replaces that year's results.`;

export async function reconcileCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, year: { type: 'string' }, 'as-of': { type: 'string' }, policies: { type: 'string' } },
  });
  const asOf = asOfDate(values['as-of']);
  const year = coverageYear(values.year, asOf);
  const policies = PolicySet.load(values.policies);
  const db = await openDatabase(databasePath(values.db));
  try {
    const s = await reconcileYear(db, policies, year, asOf);
    out.write(`reconciled ${s.year} as of ${s.asOf}: ${s.persons} persons, ${s.rows} rows, ${s.refunds} refunds, ${s.duplicates} duplicate findings\n`);
    return EXIT.done;
  } finally {
    await db.close();
  }
}
