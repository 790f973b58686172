import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { regionHistory, type RegionHistoryPoint } from '../db/region-history.js';
import type { PolicyChain } from '../policy/policy-chain.js';
import { PolicySet, type PolicySetData } from '../policy/policy-set.js';
import type { RegionTotals } from '../db/region-totals.js';

/** `--targets`: the enrollment target (参保任务数, persons) per region code (spec 5, v2; cli/targets-option.ts). */
export type EnrollmentTargets = ReadonlyMap<string, number>;

/** Refunds of one payee and reason: how many, and their sum (fen). */
export type RefundGroup = { payee: string; reason: string; count: number; amount: number };
/** Rejected lines of one input file (name and content) and reason. */
export type RejectGroup = { file: string; sha256: string; reason: string; count: number };
/** The regions sharing one policy chain, and the chain (report-html.ts describes it in the report's language). */
export type PolicySection = { regionCodes: string[]; chain: PolicyChain };

/**
 * Everything report.html shows, as aggregates only: the database does the set work (GROUP BY over the
 * result, refund and reject tables), so the report's cost does not grow with the persons beyond those
 * scans, and no personal data reaches it.
 */
export type ReportData = {
  year: number;
  asOf: string;
  reconciledAt: string;
  generatedAt: string;
  regions: RegionTotals[];
  targets: EnrollmentTargets | null;
  refunds: RefundGroup[];
  rejects: RejectGroup[];
  history: RegionHistoryPoint[];
  /** The stored policy set's files (name, sha256, origin) and each jurisdiction's values; null for a reconcile before stored sets. */
  policies: { sources: PolicySetData['sources']; sections: PolicySection[] } | null;
};

type Reconcile = { coverage_year: number; as_of: string; reconciled_at: string; policy_set: string | null };

export async function reportData(
  k: Kysely<Database>, recon: Reconcile, regions: RegionTotals[], targets: EnrollmentTargets | null, generatedAt: string,
): Promise<ReportData> {
  const year = recon.coverage_year;
  const refunds = await k.selectFrom('recon_refunds')
    .select((eb) => ['payee', 'reason', eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('amount').as('amount')])
    .where('coverage_year', '=', year).groupBy(['payee', 'reason']).orderBy('payee').orderBy('reason').execute();
  // Like rejects.csv: every reject the database holds (rejects belong to files, not to a coverage year).
  const rejects = await k.selectFrom('rejected_rows')
    .select((eb) => ['file_name', 'file_sha256', 'reason', eb.fn.countAll<number>().as('count')])
    .groupBy(['file_name', 'file_sha256', 'reason']).orderBy('file_name').orderBy('file_sha256').orderBy('reason').execute();
  return {
    year, asOf: recon.as_of, reconciledAt: recon.reconciled_at, generatedAt, regions, targets,
    refunds: refunds.map((r) => ({ payee: r.payee, reason: r.reason, count: Number(r.count), amount: Number(r.amount) })),
    rejects: rejects.map((r) => ({ file: r.file_name, sha256: r.file_sha256, reason: r.reason, count: Number(r.count) })),
    history: await regionHistory(k, year),
    policies: recon.policy_set === null ? null : policySections(PolicySet.fromData(JSON.parse(recon.policy_set) as PolicySetData), year, regions.map((r) => r.regionCode)),
  };
}

/**
 * The values the year's rows were reconciled with: the chain of each region in the results, described as
 * `recon policies` describes a chain; regions whose chains have the same levels (counties without a file of
 * their own) share one section, so a province of a hundred counties does not print the same values a
 * hundred times.
 */
function policySections(set: PolicySet, year: number, regionCodes: string[]): ReportData['policies'] {
  const byLevels = new Map<string, PolicySection>();
  for (const code of regionCodes) {
    const chain = set.chain(code, year);
    const key = chain.levels.map((l) => l.region_code).join('>');
    const group = byLevels.get(key);
    if (group) group.regionCodes.push(code);
    else byLevels.set(key, { regionCodes: [code], chain });
  }
  return {
    sources: set.sources,
    sections: [...byLevels.values()],
  };
}
