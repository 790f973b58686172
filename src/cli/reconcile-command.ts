import { parseArgs } from 'node:util';
import { PolicySet } from '../policy/policy-set.js';
import { reconcileStep } from '../run/steps.js';
import { recomputedNote, tooManyPaymentsNote } from '../run/text-reporter.js';
import { withRun } from '../run/with-run.js';
import { EXIT } from '../base/recon-error.js';
import { stepReporter } from './log-option.js';
import { databasePath } from './options.js';
import { asOfDate, coverageYear } from './year-options.js';

export const RECONCILE_HELP = `recon reconcile [--db FILE|URL] [--year Y] [--as-of DATE] [--policies DIR] [--full]
  Applies the policy rules for coverage year Y as of DATE and replaces that year's results: to the persons
  whose result can have changed since the year's last reconcile (new facts, a date reached), or to every
  person when the policy set, the tool version or an earlier as-of date asks for it, the first time, or
  with --full. Either way the results are the same.`;

export async function reconcileCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, year: { type: 'string' }, 'as-of': { type: 'string' }, policies: { type: 'string' }, full: { type: 'boolean' } },
  });
  const asOf = asOfDate(values['as-of']);
  const year = coverageYear(values.year, asOf);
  const full = values.full ?? false;
  const parameters = { db: databasePath(values.db), coverage_year: year, as_of: asOf, policies: values.policies ?? null, full };
  await withRun({ dbPath: parameters.db, create: false, command: 'reconcile', parameters, report: stepReporter() }, async (ctx) => {
    const policies = PolicySet.load(values.policies);
    policies.requireYear(year, values.policies ?? null);
    const s = await reconcileStep(ctx, policies, year, asOf, null, full);
    const how = recomputedNote({ mode: s.mode, full_reason: s.fullReason, recomputed: s.recomputed, recomputed_by: s.recomputedBy });
    out.write(`reconciled ${s.year} as of ${s.asOf}: ${s.persons} persons, ${s.rows} rows, ${s.refunds} refunds, ${s.duplicates} duplicate findings${tooManyPaymentsNote(s.tooManyPayments)}; ${how}\n`);
    return { status: 'done', exitCode: EXIT.done } as const;
  });
  return EXIT.done;
}
