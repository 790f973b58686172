import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database, ReconResultsTable } from '../db/database.js';
import { withExistingDatabase } from './read-database.js';
import { formatFen } from '../normalise/amount.js';
import { todayInShanghai } from '../normalise/dates.js';
import { regionName } from '../regions/region-table.js';
import { EXIT, UsageError } from '../base/recon-error.js';
import { databasePath } from './options.js';
import { describeChain } from '../policy/describe-chain.js';
import { idArgument } from './id-argument.js';
import { PolicySet } from '../policy/policy-set.js';
import { storedReconcile } from './stored-policy-set.js';

export const EXPLAIN_HELP = `recon explain ID_NUMBER [--db FILE|URL] [--year Y] [--policies DIR]
  How one person's result was reached: payments, roster entries, employee-insurance enrollments, the policy
  chain with citations, the rows.
  The policy values shown are those the reconcile applied (stored with it), not the files on disk now;
  --policies is read only for a reconcile made before policy sets were stored.`;

/** Payment lines `recon explain` prints at most (reconcile's own limit per person and year, MAX_PAYMENTS_PER_PERSON). */
const SHOWN_PAYMENTS = 1000;

/**
 * `recon explain`: for an operator at a terminal (it prints the person's data to stdout on request; it is
 * not a log). Reads the staging and results tables and the policy chain of each result row's region.
 */
export async function explainCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { db: { type: 'string' }, year: { type: 'string' }, policies: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('needs one ID_NUMBER');
  // Checked before anything is opened: a wrong ID number is a usage error (exit 2), whatever the database.
  const id = idArgument(positionals[0]!, todayInShanghai());
  const target = databasePath(values.db);
  return withExistingDatabase(target, async (db) => {
    const k = db.kysely;
    const recon = await storedReconcile(k, values.year === undefined ? undefined : Number(values.year));
    const year = recon?.coverageYear ?? Number(values.year);
    // The policy values the person's rows rest on: the set stored with their reconcile; the files on disk
    // (with --policies) only for a reconcile made before sets were stored, and said so.
    const policies = recon?.policies ?? PolicySet.load(values.policies);
    const w = (line = '') => out.write(line + '\n');
    w(`Person ${id}` + (recon ? `, coverage year ${year}, reconciled as of ${recon.asOf}` : ''));
    if (recon) {
      w(recon.policies
        ? `Policy values: as applied by that reconcile (${recon.reconciledAt}), whatever the policy files hold now`
        : `Policy values: from the policy files now (that reconcile, ${recon.reconciledAt}, predates stored policy sets)`);
    }
    // At most SHOWN_PAYMENTS lines, so that a person with a pathological number of payments (reconcile reports
    // them as TOO_MANY_PAYMENTS) is explained in bounded memory; the count says how many there are.
    const { n: paymentCount } = await k.selectFrom('payments').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id_number', '=', id).executeTakeFirstOrThrow();
    const payments = await k.selectFrom('payments as p').innerJoin('ingested_files as f', 'f.sha256', 'p.source_sha256')
      .select(['p.txn_id', 'p.region_code', 'p.coverage_year', 'p.amount_fen', 'p.paid_on', 'p.paid_time', 'p.payer_type', 'p.category', 'p.tier', 'p.name', 'f.file_name', 'p.source_line'])
      .where('p.id_number', '=', id).orderBy('p.paid_on').orderBy('p.paid_time', (o) => o.asc().nullsFirst()).orderBy('p.txn_id')
      .limit(SHOWN_PAYMENTS).execute();
    w(`\nPayments (${Number(paymentCount)}${Number(paymentCount) > payments.length ? `, the first ${payments.length} shown` : ''}):`);
    // A payment dated after the reconcile's as-of date is stored but was not counted (spec 4 v2: a replay as of D).
    const later = (paidOn: string) => (recon && paidOn > recon.asOf ? '  (after the as-of date: not counted)' : '');
    for (const p of payments) {
      w(`  ${p.paid_on} ${p.paid_time ?? '        '} ${p.txn_id.padEnd(14)} ${p.region_code} year ${p.coverage_year} ${formatFen(p.amount_fen).padStart(9)} ${p.payer_type.padEnd(10)} ${p.category}/${p.tier}  ${p.name}  [${p.file_name}:${p.source_line}]${later(p.paid_on)}`);
    }
    const roster = await k.selectFrom('roster_entries as r').innerJoin('ingested_files as f', 'f.sha256', 'r.source_sha256')
      .select(['r.category', 'r.effective_from', 'r.effective_to', 'r.region_code', 'r.name', 'f.file_name', 'r.source_line'])
      .where('r.id_number', '=', id).orderBy('r.effective_from').execute();
    w(`\nRoster entries (${roster.length}):`);
    for (const r of roster) w(`  ${r.category.padEnd(24)} ${r.effective_from} .. ${r.effective_to ?? 'open      '} ${r.region_code}  ${r.name}  [${r.file_name}:${r.source_line}]`);
    const enrollments = await k.selectFrom('employee_enrollments as e').innerJoin('ingested_files as f', 'f.sha256', 'e.source_sha256')
      .leftJoin('ingested_files as u', 'u.sha256', 'e.updated_sha256')
      .select(['e.region_code', 'e.insured_from', 'e.insured_to', 'e.insured_kind', 'e.name', 'f.file_name', 'e.source_line', 'u.file_name as updated_file', 'e.updated_line'])
      .where('e.id_number', '=', id).orderBy('e.insured_from').orderBy('e.region_code').execute();
    w(`\nEmployee-insurance enrollments 职工医保 (${enrollments.length}):`);
    for (const e of enrollments) {
      // What the reconcile read of it on its as-of date (spec 4 preamble): later starts left out, later ends open.
      const asOf = recon?.asOf;
      const note = asOf && e.insured_from > asOf ? '  (starts after the as-of date: not read)'
        : asOf && e.insured_to && e.insured_to > asOf ? '  (ends after the as-of date: read as still insured)' : '';
      const updated = e.updated_file ? `, insured_to from ${e.updated_file}:${e.updated_line}` : '';
      w(`  ${e.region_code} ${e.insured_from} .. ${e.insured_to ?? 'open      '} ${(e.insured_kind ?? '-').padEnd(8)}  ${e.name}  [${e.file_name}:${e.source_line}${updated}]${note}`);
    }
    const rows = await k.selectFrom('recon_results').selectAll().where('id_number', '=', id).where('coverage_year', '=', year).orderBy('region_code').execute();
    for (const r of rows) {
      w(`\nResult in ${r.region_code} ${regionName(r.region_code)}${r.is_primary ? ' (primary)' : ''}: ${r.status}${r.flags ? `  [${r.flags}]` : ''}`);
      const money = (v: number | null) => (v === null ? 'unknown' : formatFen(v));
      w(`  category ${r.category}, tier ${r.tier}; assistance ${r.assistance_category ?? 'none'}`);
      w(r.status === 'DUPLICATE_ENROLLMENT'
        ? `  no standard here (a duplicate enrollment: nothing is expected in this region, its net collection is refunded); collected ${formatFen(r.collected_personal)}`
        : r.status === 'INSURED_AS_EMPLOYEE'
          ? `  standard ${money(r.standard)}, subsidy ${money(r.subsidy)} were it enrolled here; expected personal ${money(r.expected_personal)} (insured as an employee); collected ${formatFen(r.collected_personal)}`
          : `  standard ${money(r.standard)} − subsidy ${money(r.subsidy)} = expected personal ${money(r.expected_personal)}; collected ${formatFen(r.collected_personal)}; variance ${money(r.variance)}`);
      w(`  expected assistance ${money(r.expected_assistance)}; collected ${formatFen(r.collected_assistance)}; assistance variance ${money(r.assistance_variance)}; refund due ${r.status === 'POLICY_GAP' ? 'unknown' : formatFen(r.refund_due)}; benefit start ${r.benefit_start ?? '-'}`);
      w(`  actions: ${r.actions || 'none'}`);
      for (const line of await employeeEffects(k, r)) w(`  ${line}`);
      if ([r.standard, r.subsidy, r.expected_personal, r.variance, r.expected_assistance].includes(null) && r.status !== 'DUPLICATE_ENROLLMENT') {
        w(`  amounts unknown because of ${whyNoAmount(r.flags)}`);
      }
      w(`  rests on: ${r.rule || '-'}`);
      w(`  policy chain for ${r.region_code}:`);
      for (const line of describeChain(policies.chain(r.region_code, year))) w(`    ${line}`);
    }
    if (!rows.length) w('\nNo result row for this person' + (recon ? ` in ${year}.` : ': nothing reconciled yet.'));
    return EXIT.done;
  });
}

/**
 * What the person's employee enrollments changed in a row (spec 6: explain says how the result was reached):
 * INSURED_AS_EMPLOYEE (rule 6), the lapse exemption or its gap (rule 7 case 5), and rule 9's overlaps, each
 * with its duplicates.csv detail and benefit_suspensions.csv row. Nothing for a row they did not change.
 */
async function employeeEffects(k: Kysely<Database>, r: ReconResultsTable): Promise<string[]> {
  const lines: string[] = [];
  const flags = r.flags ? r.flags.split(';') : [];
  if (r.status === 'INSURED_AS_EMPLOYEE') {
    lines.push('employee insurance: insured in the employee scheme for the whole benefit period (rule 6): nothing is expected in the resident scheme, not a 应保尽保 gap');
  }
  if (flags.includes('EMPLOYEE_LAPSE_EXEMPT')) {
    lines.push(`employee insurance: ended within waiting_exempt_after_employee_months before the payment (rule 7 case 5): benefits from the day after it, ${r.benefit_start}, no waiting period`);
  }
  if (flags.includes('POLICY_GAP:waiting_exempt_after_employee_months')) {
    lines.push('employee insurance: ended before the payment, and the policy does not say within how many months a lapse exempts from waiting (rule 7 case 5): benefit start unknown');
  }
  if (flags.includes('EMPLOYEE_OVERLAP')) {
    const overlaps = await k.selectFrom('recon_duplicates').select('detail').where('coverage_year', '=', r.coverage_year)
      .where('id_number', '=', r.id_number).where('kind', '=', 'RESIDENT_AND_EMPLOYEE').orderBy('detail').execute();
    for (const o of overlaps) lines.push(`employee insurance overlaps the resident benefit period (rule 9): ${o.detail}`);
    const suspensions = await k.selectFrom('recon_suspensions').selectAll().where('coverage_year', '=', r.coverage_year)
      .where('region_code', '=', r.region_code).where('id_number', '=', r.id_number).orderBy('suspend_from').orderBy('employee_region').execute();
    for (const u of suspensions) {
      lines.push(`benefits suspended from ${u.suspend_from}, ${u.resume_on ? `resumed on ${u.resume_on}` : 'until the employee insurance ends'} (employee insurance in ${u.employee_region}; ${u.rule || 'no citation'})`);
    }
  }
  return lines;
}

/**
 * Why a row's amounts are blank (a duplicate enrollment's standard is said apart: it has none): too many
 * payments were not summed, or a policy gap, named by its POLICY_GAP flags (the chain below shows the key).
 */
function whyNoAmount(flags: string): string {
  const list = flags ? flags.split(';') : [];
  if (list.includes('TOO_MANY_PAYMENTS')) return 'too many payments (not summed)';
  const gaps = list.filter((f) => f.startsWith('POLICY_GAP:'));
  return `a policy gap${gaps.length ? `: ${gaps.join(', ')} (the chain below lists what is absent)` : ''}`;
}
