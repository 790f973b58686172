import { parseArgs } from 'node:util';
import { PolicySet } from '../policy/policy-set.js';
import { reconcileStep } from '../run/steps.js';
import { tooManyPaymentsNote } from '../run/text-reporter.js';
import { withRun } from '../run/with-run.js';
import { EXIT } from '../base/recon-error.js';
import { stepReporter } from './log-option.js';
import { databasePath } from './options.js';
import { asOfDate, coverageYear } from './year-options.js';

export const RECONCILE_HELP = `recon reconcile [--db FILE|URL] [--year Y] [--as-of DATE] [--policies DIR]
  Applies the policy rules to every person for coverage year Y as of DATE and replaces that year's results.`;

export async function reconcileCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, year: { type: 'string' }, 'as-of': { type: 'string' }, policies: { type: 'string' } },
  });
  const asOf = asOfDate(values['as-of']);
  const year = coverageYear(values.year, asOf);
  const parameters = { db: databasePath(values.db), coverage_year: year, as_of: asOf, policies: values.policies ?? null };
  await withRun({ dbPath: parameters.db, create: false, command: 'reconcile', parameters, report: stepReporter() }, async (ctx) => {
    const policies = PolicySet.load(values.policies);
    policies.requireYear(year, values.policies ?? null);
    const s = await reconcileStep(ctx, policies, year, asOf);
    out.write(`reconciled ${s.year} as of ${s.asOf}: ${s.persons} persons, ${s.rows} rows, ${s.refunds} refunds, ${s.duplicates} duplicate findings${tooManyPaymentsNote(s.tooManyPayments)}\n`);
    return { status: 'done', exitCode: EXIT.done } as const;
  });
  return EXIT.done;
}
