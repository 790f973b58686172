import { parseArgs } from 'node:util';
import { regionName } from '../regions/region-table.js';
import { describeChain } from './describe-chain.js';
import { EXIT } from '../base/recon-error.js';
import { asOfDate, coverageYear } from './year-options.js';
import { PolicySet } from '../policy/policy-set.js';

export const POLICIES_HELP = `recon policies [--policies DIR] [--year Y]
  Validates every policy file and prints the effective values per jurisdiction with their citations.`;

export async function policiesCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { policies: { type: 'string' }, year: { type: 'string' } } });
  const set = PolicySet.load(values.policies); // throws PolicyFileError (exit 1) naming file, key and problem
  const year = values.year === undefined ? undefined : coverageYear(values.year, asOfDate(undefined));
  out.write(`${set.sources.length} policy files valid (${set.sources.filter((s) => s.origin === 'override').length} overrides)\n`);
  if (year !== undefined && !set.jurisdictions(year).length) {
    // What `recon run` and `recon reconcile` refuse (exit 1): said here too, so a check before the night fails.
    out.write(`no policy file for coverage year ${year}: recon run and recon reconcile refuse it until one is added (<region_code>-${year}.json)\n`);
    return EXIT.failed;
  }
  for (const file of set.jurisdictions(year)) {
    out.write(`\n${file.region_code} ${file.name ?? regionName(file.region_code)} — ${file.coverage_year}\n`);
    for (const line of describeChain(set.chain(file.region_code, file.coverage_year))) out.write(`  ${line}\n`);
  }
  return EXIT.done;
}
