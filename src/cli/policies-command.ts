import { parseArgs } from 'node:util';
import { withExistingDatabase } from './read-database.js';
import { regionName } from '../regions/region-table.js';
import { describeChain } from '../policy/describe-chain.js';
import { EXIT, UsageError } from '../base/recon-error.js';
import { asOfDate, coverageYear } from './year-options.js';
import { PolicySet } from '../policy/policy-set.js';
import { storedReconcile } from './stored-policy-set.js';

export const POLICIES_HELP = `recon policies [--policies DIR] [--year Y] [--db FILE|URL]
  Validates every policy file and prints every effective value per jurisdiction (each category and tier,
  window field, benefit period, assistance category, rule key), with the region that set it and its citation,
  and every value the chain lacks as absent. Needs no database.
  With --db: the policy set stored with that database's last reconcile (of year Y, with --year), i.e. the
  values its results rest on, whatever the files hold now; it reads the database and never creates one.`;

export async function policiesCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { policies: { type: 'string' }, year: { type: 'string' }, db: { type: 'string' } } });
  const year = values.year === undefined ? undefined : coverageYear(values.year, asOfDate(undefined));
  if (values.db !== undefined) {
    if (values.policies !== undefined) throw new UsageError('--db shows the policy set a reconcile stored; --policies reads files: give one of them');
    return storedPolicies(values.db, year, out);
  }
  const set = PolicySet.load(values.policies); // throws PolicyFileError (exit 1) naming file, key and problem
  out.write(`${set.sources.length} policy files valid (${set.sources.filter((s) => s.origin === 'override').length} overrides)\n`);
  if (year !== undefined && !set.jurisdictions(year).length) {
    // What `recon run` and `recon reconcile` refuse (exit 1): said here too, so a check before the night fails.
    out.write(`no policy file for coverage year ${year}: recon run and recon reconcile refuse it until one is added (<region_code>-${year}.json)\n`);
    return EXIT.failed;
  }
  printSet(set, year, out);
  return EXIT.done;
}

/** `recon policies --db`: the set stored with the database's last reconcile (of `year`). */
async function storedPolicies(target: string, year: number | undefined, out: NodeJS.WritableStream): Promise<number> {
  return withExistingDatabase(target, async (db) => {
    const recon = await storedReconcile(db.kysely, year);
    if (!recon) {
      out.write(`nothing reconciled${year === undefined ? '' : ` for coverage year ${year}`} in this database yet: no stored policy set\n`);
      return EXIT.failed;
    }
    if (!recon.policies) {
      out.write(`the reconcile of ${recon.coverageYear} (${recon.reconciledAt}) predates stored policy sets: reconcile again to store one\n`);
      return EXIT.failed;
    }
    const sources = recon.policies.sources;
    out.write(`policy set stored with the reconcile of coverage year ${recon.coverageYear} as of ${recon.asOf} (${recon.reconciledAt}): `
      + `${sources.length} policy files (${sources.filter((s) => s.origin === 'override').length} overrides)\n`);
    for (const s of sources) out.write(`  ${s.origin.padEnd(8)} ${s.sha256.slice(0, 12)}  ${s.file.split('/').pop()}\n`);
    printSet(recon.policies, recon.coverageYear, out);
    return EXIT.done;
  });
}

/** Each jurisdiction's effective values (of `year`, or every year), with their citations. */
function printSet(set: PolicySet, year: number | undefined, out: NodeJS.WritableStream): void {
  for (const file of set.jurisdictions(year)) {
    out.write(`\n${file.region_code} ${file.name ?? regionName(file.region_code)} — ${file.coverage_year}\n`);
    for (const line of describeChain(set.chain(file.region_code, file.coverage_year))) out.write(`  ${line}\n`);
  }
}
