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
  payerType: 'personal' | 'assistance';
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

/** One person's payments for the coverage year (in payment order) and all their roster entries. */
export type PersonFacts = {
  idNumber: string;
  birthDate: string;
  payments: PaymentFact[];
  roster: RosterFact[];
};

export const STATUSES = [
  'DUPLICATE_ENROLLMENT', 'POLICY_GAP', 'REFUND_DUE', 'OVERPAID', 'PENDING', 'NOT_ENROLLED', 'UNPAID', 'UNDERPAID', 'OK',
] as const;
export type Status = (typeof STATUSES)[number];

/** One result row: the grain of `recon_results` is one row per person and region for the coverage year. */
export type ResultRow = {
  idNumber: string;
  name: string;
  regionCode: string;
  coverageYear: number;
  category: string;
  tier: string;
  assistanceCategory: string | null;
  /** null where a policy gap leaves the amount unknown (never a guess). */
  standard: number | null;
  subsidy: number | null;
  expectedPersonal: number | null;
  collectedPersonal: number;
  expectedAssistance: number | null;
  collectedAssistance: number;
  variance: number | null;
  refundDue: number;
  status: Status;
  flags: string[];
  benefitStart: string | null;
  firstPaidAt: string | null;
  lastPaidAt: string | null;
  payments: number;
  isPrimary: boolean;
  rule: string[];
};

export type Refund = {
  idNumber: string;
  name: string;
  regionCode: string;
  payee: 'person' | 'assistance_fund';
  amount: number;
  reason: 'ASSISTANCE_RECOGNISED_AFTER_PAYMENT' | 'OVERPAID' | 'DUPLICATE_ENROLLMENT' | 'ASSISTANCE_OVERPAID';
  rule: string[];
};

export type DuplicateEntry = {
  kind: 'DUPLICATE_ENROLLMENT' | 'DUPLICATE_PAYMENT' | 'POSSIBLE_DUPLICATE';
  idNumber: string;
  name: string;
  regionCodes: string[];
  txnIds: string[];
  otherIdNumber: string | null;
  detail: string;
};

export type PersonResult = { rows: ResultRow[]; refunds: Refund[]; duplicates: DuplicateEntry[] };
