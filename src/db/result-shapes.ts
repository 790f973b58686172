import { columnsOf, rowShape, type TableRow } from './row-shape.js';

/**
 * The results layer's row shapes (row-shape.ts), in the tables' column order as the migrations created
 * them (test/e2e/db.row-shapes.test.ts checks both engines' schemas against these). The row types are what the
 * tables need of reconcile's rows (src/reconcile/person-facts.ts: ResultRow, Refund, DuplicateEntry,
 * which must stay assignable to them, so a field a new column reads is checked there too). The coverage
 * year is given beside each row. Amounts in fen.
 */

/** What a `recon_results` row is written from: one row per person and region for the coverage year (rule 1). */
export type ResultRecord = {
  idNumber: string;
  name: string;
  regionCode: string;
  category: string;
  tier: string;
  assistanceCategory: string | null;
  standard: number | null;
  subsidy: number | null;
  expectedPersonal: number | null;
  collectedPersonal: number;
  expectedAssistance: number | null;
  collectedAssistance: number;
  variance: number | null;
  refundDue: number;
  status: string;
  flags: readonly string[];
  benefitStart: string | null;
  firstPaidAt: string | null;
  lastPaidAt: string | null;
  payments: number;
  isPrimary: boolean;
  rule: readonly string[];
  /** collected_assistance − expected_assistance; null where A is unknown (spec 5, v2). */
  assistanceVariance: number | null;
  /** Rule 10's action codes, in the rule's order. */
  actions: readonly string[];
  /**
   * The last as-of date on which the person's result is known to hold, as the rules say it (holds-until.ts);
   * null: no date changes it, only new facts or another policy do. An incremental reconcile recomputes the
   * person once the as-of date passes it.
   */
  holdsUntil: string | null;
};

const s = columnsOf<ResultRecord>();

/**
 * `recon_results`, clustered on (coverage_year, region_code, id_number): the export's order.
 * A new column goes to BOTH generations, recon_results and recon_results_previous (changes.csv's baseline),
 * in one migration: the reconcile swaps the two tables by name (db/previous-results.ts, RESULT_GENERATIONS),
 * so they must be alike; test/e2e/reconcile.previous-results.test.ts fails when they are not.
 */
export const RECON_RESULTS = rowShape<ResultRecord>()('recon_results', ['coverage_year', 'region_code', 'id_number'], {
  coverage_year: s.integer.given(),
  region_code: s.text.of('regionCode'),
  id_number: s.text.of('idNumber'),
  name: s.text.of('name'),
  category: s.text.of('category'),
  tier: s.text.of('tier'),
  assistance_category: s.text.orNull('assistanceCategory'),
  /** null where a policy gap leaves the amount unknown (never a guess); so for the amounts derived from it. */
  standard: s.bigint.orNull('standard'),
  subsidy: s.bigint.orNull('subsidy'),
  expected_personal: s.bigint.orNull('expectedPersonal'),
  collected_personal: s.bigint.of('collectedPersonal'),
  expected_assistance: s.bigint.orNull('expectedAssistance'),
  collected_assistance: s.bigint.of('collectedAssistance'),
  variance: s.bigint.orNull('variance'),
  refund_due: s.bigint.of('refundDue'),
  status: s.text.of('status'),
  /** `;`-joined flag codes. */
  flags: s.text.of((x) => x.flags.join(';')),
  benefit_start: s.text.orNull('benefitStart'),
  first_paid_at: s.text.orNull('firstPaidAt'),
  last_paid_at: s.text.orNull('lastPaidAt'),
  payments: s.integer.of('payments'),
  is_primary: s.integer.of((x) => (x.isPrimary ? 1 : 0)),
  /** `; `-joined citations the row rests on. */
  rule: s.text.of((x) => x.rule.join('; ')),
  /** Added by migration 007 (so after `rule` in the table; reconciliation.csv has its own column order). */
  assistance_variance: s.bigint.orNull('assistanceVariance'),
  /** `;`-joined action codes; '' for none. */
  actions: s.text.of((x) => x.actions.join(';')),
  /** Added by migration 014 (incremental nights): not an output column. */
  holds_until: s.text.orNull('holdsUntil'),
});

/** What a `recon_refunds` row is written from: a row can owe the person and the assistance fund. */
export type RefundRecord = {
  idNumber: string;
  name: string;
  regionCode: string;
  payee: string;
  amount: number;
  reason: string;
  rule: readonly string[];
};

const f = columnsOf<RefundRecord>();

/** `recon_refunds`: one row per refund (person, region, payee, reason). */
export const RECON_REFUNDS = rowShape<RefundRecord>()('recon_refunds', ['coverage_year', 'id_number', 'region_code', 'payee', 'reason'], {
  coverage_year: f.integer.given(),
  id_number: f.text.of('idNumber'),
  region_code: f.text.of('regionCode'),
  payee: f.text.of('payee'),
  name: f.text.of('name'),
  amount: f.bigint.of('amount'),
  reason: f.text.of('reason'),
  rule: f.text.of((x) => x.rule.join('; ')),
  /** Added by migration 009 (so last in the table; refunds.csv has it first): refund-id.ts, given with the year. */
  refund_id: f.text.given(),
});

/** What a `recon_duplicates` row is written from. */
export type DuplicateRecord = {
  kind: string;
  idNumber: string;
  name: string;
  regionCodes: readonly string[];
  txnIds: readonly string[];
  otherIdNumber: string | null;
  detail: string;
};

const d = columnsOf<DuplicateRecord>();

/** `recon_duplicates`: one row per finding (kind, person, and for possible duplicates the other person); no key. */
export const RECON_DUPLICATES = rowShape<DuplicateRecord>()('recon_duplicates', [], {
  coverage_year: d.integer.given(),
  kind: d.text.of('kind'),
  id_number: d.text.of('idNumber'),
  name: d.text.of('name'),
  region_codes: d.text.of((x) => x.regionCodes.join(';')),
  txn_ids: d.text.of((x) => x.txnIds.join(';')),
  /** '' when there is none (only possible duplicates name another person). */
  other_id_number: d.text.of((x) => x.otherIdNumber ?? ''),
  detail: d.text.of('detail'),
});

/** What a `recon_suspensions` row is written from (rule 9, v2: benefit_suspensions.csv). */
export type SuspensionRecord = {
  idNumber: string;
  name: string;
  regionCode: string;
  suspendFrom: string;
  resumeOn: string | null;
  employeeRegion: string;
  rule: readonly string[];
};

const u = columnsOf<SuspensionRecord>();

/**
 * `recon_suspensions`: one row per suspension of a primary row's resident benefits, i.e. per employee
 * enrollment that began inside the benefit period (person, suspend_from, the employee enrollment's region).
 * Keyed in benefit_suspensions.csv's order (region, person, suspend_from).
 */
export const RECON_SUSPENSIONS = rowShape<SuspensionRecord>()('recon_suspensions', ['coverage_year', 'region_code', 'id_number', 'suspend_from', 'employee_region'], {
  coverage_year: u.integer.given(),
  region_code: u.text.of('regionCode'),
  id_number: u.text.of('idNumber'),
  suspend_from: u.text.of('suspendFrom'),
  employee_region: u.text.of('employeeRegion'),
  name: u.text.of('name'),
  /** null while the person is still employee-insured (blank in the CSV). */
  resume_on: u.text.orNull('resumeOn'),
  rule: u.text.of((x) => x.rule.join('; ')),
});

/** What a `recon_horizons` row is written from: a person whose result has no row, and its holds-until date. */
export type HorizonRecord = { idNumber: string; holdsUntil: string };

const h = columnsOf<HorizonRecord>();

/**
 * `recon_horizons` (migration 014): the holds-until date (reconcile/holds-until.ts) of a person the rules
 * gave no row (a roster person not entitled on D), where one date could change that; a person with rows
 * carries it on them (recon_results.holds_until).
 */
export const RECON_HORIZONS = rowShape<HorizonRecord>()('recon_horizons', ['coverage_year', 'id_number'], {
  coverage_year: h.integer.given(),
  id_number: h.text.of('idNumber'),
  holds_until: h.text.of('holdsUntil'),
});

export type ReconResultsTable = TableRow<typeof RECON_RESULTS.columns>;
export type ReconRefundsTable = TableRow<typeof RECON_REFUNDS.columns>;
export type ReconDuplicatesTable = TableRow<typeof RECON_DUPLICATES.columns>;
export type ReconSuspensionsTable = TableRow<typeof RECON_SUSPENSIONS.columns>;
