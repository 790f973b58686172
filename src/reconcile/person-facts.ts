import type { ResultRecord, SuspensionRecord } from '../db/result-shapes.js';
import type { Action, DuplicateKind, Flag, RefundPayee, RefundReason, Status } from '../db/result-status.js';
import type { PayerType } from '../normalise/labels.js';

/**
 * Plain data for one person, as the rules see it (no database types). The reconcile step gathers these
 * per person from SQL; the rules are pure functions over them.
 */
export type PaymentFact = {
  txnId: string;
  regionCode: string;
  amountFen: number;
  paidOn: string;
  paidTime: string | null;
  /** `fiscal` (spec 2.1, v2): public money, kept and shown, but neither C_p nor C_a. */
  payerType: PayerType;
  category: string;
  tier: string;
  name: string;
};

export type RosterFact = {
  category: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  regionCode: string;
  name: string;
};

/**
 * One employee-insurance enrollment (职工医保, spec 2.5, v2) as known on the as-of date D
 * (employee-enrollment-fact.ts): `insuredTo` null = still insured on D (blank, or ending after D).
 */
export type EmployeeEnrollmentFact = {
  regionCode: string;
  insuredFrom: string;
  insuredTo: string | null;
  /** `employee`, `retiree`, `flexible`, or null when the list does not say. */
  insuredKind: string | null;
  employer: string;
};

/**
 * One person's payments for the coverage year (in payment order), all their roster entries, and their
 * employee enrollments known on the as-of date (by insured_from, then region; none starting after D). A person
 * with more payments than MAX_PAYMENTS_PER_PERSON (person-stream.ts) comes with `tally` instead: their
 * payments summed per region as they were read, and `payments` empty (the rules are not applied to them).
 */
export type PersonFacts = {
  idNumber: string;
  birthDate: string;
  payments: PaymentFact[];
  roster: RosterFact[];
  /** Rule 9, rule 7 case 5, INSURED_AS_EMPLOYEE (rule 6) read these (spec 4, v2). */
  employeeEnrollments: EmployeeEnrollmentFact[];
  tally?: PaymentTally;
};

/**
 * A person's payments in one region, summed as they are read instead of held: the fields rule 2 reads of a
 * region (as RegionGroup has them), and what a result row shows of its payments.
 */
export type RegionTally = {
  regionCode: string;
  paymentCount: number;
  netPersonal: number;
  netAssistance: number;
  hasStudentPayment: boolean;
  /** Any `fiscal` payment (FISCAL_PAID). */
  hasFiscalPayment: boolean;
  reversed: boolean;
  /** The earliest positive payment (any payer), or the earliest payment when none is positive. */
  first: PaymentFact;
  /** The latest positive payment, or the latest payment. */
  latest: PaymentFact;
  firstPaidOn: string;
  lastPaidOn: string;
};

/** A person's payments summed per region (regions in code order), and whether they carry two names. */
export type PaymentTally = { payments: number; regions: RegionTally[]; severalNames: boolean };

/** The flags a result row may carry: a closed set, declared with the table it is stored in (db/result-status.ts). */
export type { Flag } from '../db/result-status.js';

/**
 * One result row: the grain of `recon_results` is one row per person and region for the coverage year. Its
 * fields are the table's record (db/result-shapes.ts), with reconcile's own types for the status, the
 * flags and the citations, and the coverage year. Amounts in fen; null where a policy gap leaves the
 * amount unknown (never a guess).
 */
export type ResultRow = Omit<ResultRecord, 'status' | 'flags' | 'rule' | 'actions'> & {
  coverageYear: number;
  status: Status;
  flags: Flag[];
  actions: Action[];
  rule: string[];
};

export type Refund = {
  idNumber: string;
  name: string;
  regionCode: string;
  payee: RefundPayee;
  amount: number;
  reason: RefundReason;
  rule: string[];
};

export type DuplicateEntry = {
  kind: DuplicateKind;
  idNumber: string;
  name: string;
  regionCodes: string[];
  txnIds: string[];
  otherIdNumber: string | null;
  detail: string;
};

/**
 * Rule 9 (v2): the resident benefits of a primary row suspended while the person is employee-insured
 * (赣医保发〔2022〕14号 四(六)): from insured_from, resumed the day after insured_to (null while still insured).
 */
export type BenefitSuspension = Omit<SuspensionRecord, 'rule'> & { rule: string[] };

/** `holdsUntil`: the last as-of date on which this result is known to hold (holds-until.ts), also on each row. */
export type PersonResult = {
  rows: ResultRow[]; refunds: Refund[]; duplicates: DuplicateEntry[]; suspensions: BenefitSuspension[]; holdsUntil: string | null;
};
