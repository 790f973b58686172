import type { PolicyChain, ResolvedWindow } from '../policy/policy-chain.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { BenefitSuspension, DuplicateEntry, Flag, PersonFacts, PersonResult, Refund, ResultRow, RosterFact } from './person-facts.js';
import { groupByRegion, type RegionGroup } from './region-groups.js';
import { benefitStart, type BenefitStart } from './rules/benefit-start.js';
import { duplicatePaymentEntry, isDuplicatePayment, isFiscalPaid, isReversed } from './rules/collected.js';
import { employeeOverlap } from './rules/employee-overlap.js';
import {
  entitledAssistance, NOTHING_COUNTED, recognisedIn, type EntitledAssistance, type StartWithoutLate,
} from './rules/entitled-assistance.js';
import { expectedAmounts, regionPolicy, unknownAmounts, type Expected } from './rules/expected.js';
import {
  choosePrimaryRegion, duplicateEnrollmentCitations, duplicateEnrollmentEntry, expectedOutsidePrimary, roleOf, type AssistedChoice,
  type PrimaryBasis,
} from './rules/primary-region.js';
import { actionsOf, sortedFlags } from './rules/actions.js';
import { refundsOf } from './rules/refunds.js';
import { chooseRosterOnlyRow, regionRow, rosterOnlyCandidates, type RowFacts } from './rules/rows.js';
import {
  assistanceFlags, deadlineOf, decidedByMoney, decideStatus, hasNameMismatch, insuredForWholePeriod, paidBeforeRecognition,
  undecidedDeadlineFlag, deadlineHoldsUntil, owesSomething, type Deadline,
} from './rules/status.js';
import { tooManyPaymentsResult } from './too-many-payments.js';
import { Horizon } from './holds-until.js';

/**
 * `horizon` collects, while one person is reconciled, the dates until which the rules' answers hold
 * (holds-until.ts); reconcilePerson makes one per person.
 */
export type ReconcileContext = { policies: PolicySet; year: number; asOf: string; horizon?: Horizon };

/**
 * Reconciles one person for coverage year Y as of D (spec 4): the rules of src/reconcile/rules/, one file
 * each, composed here in the spec's order of evaluation. Rule 1 gives the rows (one per region with
 * payments, or the roster-only row), rule 2 the region where the person is enrolled, and reconcileRow the
 * rest for each row. Pure: everything it needs is in its arguments. A person whose payments were too many
 * to hold comes tallied instead, and is reported without the rules (too-many-payments.ts).
 */
export function reconcilePerson(person: PersonFacts, context: ReconcileContext): PersonResult {
  if (person.tally) return tooManyPaymentsResult(person, person.tally, context.year);
  const ctx = { ...context, horizon: new Horizon() };
  const result = applyRules(person, ctx);
  // Every row holds as long as the person's result does: a person is recomputed whole.
  result.holdsUntil = ctx.horizon.until;
  for (const row of result.rows) row.holdsUntil = ctx.horizon.until;
  return result;
}

function applyRules(person: PersonFacts, ctx: ReconcileContext): PersonResult {
  const nameMismatch = hasNameMismatch(person); // rule 6, independently of the status

  if (person.payments.length === 0) {
    // Rule 1: an entitled roster person who paid nothing: the row of the entry giving the highest value.
    // Each entry is valued in its own region's policy; the row is then rule 3 over all the entries there.
    const candidates = rosterOnlyCandidates(person.roster).map((facts) => ({ facts, ...reconcileRow(facts, person, nameMismatch, ctx) }));
    const best = chooseRosterOnlyRow(candidates);
    const chosen = best && person.roster.length > 1 ? reconcileRow({ ...best.facts, roster: person.roster }, person, nameMismatch, ctx) : best;
    return { rows: chosen ? [chosen.row] : [], refunds: chosen?.refunds ?? [], duplicates: [], suspensions: [], holdsUntil: null };
  }

  const result: PersonResult = { rows: [], refunds: [], duplicates: [], suspensions: [], holdsUntil: null };
  const groups = groupByRegion(person.payments); // rule 1: a row per region with payments
  // Rule 2, with rule 3 per candidate region (step b) only where there is more than one region to choose from.
  const enrollment = choosePrimaryRegion(groups, groups.length > 1 ? assistedChoice(person, ctx) : undefined);
  if (enrollment.duplicates.length) result.duplicates.push(duplicateEnrollmentEntry(person, enrollment));
  for (const group of groups) {
    const facts = regionRow(group, roleOf(group, enrollment), person.roster);
    const { row, refunds, duplicatePayment, employeeDuplicates, suspensions } = reconcileRow(facts, person, nameMismatch, ctx, enrollment.basis);
    result.rows.push(row);
    result.refunds.push(...refunds);
    if (duplicatePayment) result.duplicates.push(duplicatePayment);
    result.duplicates.push(...employeeDuplicates);
    result.suspensions.push(...suspensions);
  }
  return result;
}

type ReconciledRow = {
  row: ResultRow; refunds: Refund[]; duplicatePayment: DuplicateEntry | null;
  /** Rule 9's duplicates.csv rows (RESIDENT_AND_EMPLOYEE) and benefit suspensions. */
  employeeDuplicates: DuplicateEntry[]; suspensions: BenefitSuspension[];
};

/**
 * Rules 3–7 for one row, in order, and the refunds it gives rise to. Only the row of the region where the
 * person is enrolled is assessed in a policy (rules 4 and 3); another region expects nothing (rule 2).
 */
function reconcileRow(
  facts: RowFacts, person: PersonFacts, nameMismatch: boolean, ctx: ReconcileContext, basis: PrimaryBasis = 'earliest_payment',
): ReconciledRow {
  const { payments, netPersonal: cp, netAssistance: ca } = facts;
  const assessed = facts.role === 'primary' ? assessInPolicy(facts, person, ctx) : outsidePrimary(facts, ctx, basis);
  const { assistance } = assessed;
  let { expected } = assessed;
  // Rules 6 and 10 compare D with the deadline (status, collect actions, the undecided-deadline flag) of a row that owes.
  ctx.horizon?.note(deadlineHoldsUntil(assessed.deadline, ctx.asOf, owesSomething(cp, ca, expected)));
  // Rule 6 (v2): a roster-only person employee-insured for the whole benefit period is insured, not a gap.
  const insuredAsEmployee = payments.length === 0 && assessed.chain !== null
    && insuredForWholePeriod(person.employeeEnrollments, assessed.chain.benefitPeriod(facts.category).value);

  // Rule 6: the status, first that holds.
  const status = decideStatus({
    duplicateEnrollment: facts.role === 'duplicate', policyGap: expected.gaps.length > 0, insuredAsEmployee,
    collectedPersonal: cp, collectedAssistance: ca, expectedPersonal: expected.personal, subsidy: expected.subsidy,
    paidBeforeRecognition: paidBeforeRecognition(payments, assistance.giving), asOf: ctx.asOf,
    deadline: assessed.deadline, hasPayments: payments.length > 0, entitled: assistance.subsidy > 0,
  });
  if (status === 'INSURED_AS_EMPLOYEE') expected = { ...expected, personal: 0, assistance: 0 }; // nothing is expected of them
  // Rules 5 and 6's findings on the money, and rule 7, where the status was decided by the money (so E and A
  // are known: only POLICY_GAP leaves them null).
  const byMoney = decidedByMoney(status);
  const duplicatePayment = byMoney && isDuplicatePayment(payments, cp, expected.personal!);
  let start: BenefitStart | null = null;
  if (byMoney && assessed.chain) {
    start = benefitStart({
      payments, collectedPersonal: cp, collectedAssistance: ca, expectedPersonal: expected.personal!,
      expectedAssistance: expected.assistance!, deadline: assessed.deadline!, chain: assessed.chain,
      category: facts.category, birthDate: person.birthDate,
      recognisedAfterWindow: assistance.subsidy > 0 && assistance.giving !== null && assistance.giving.late,
      employeeEnrollments: person.employeeEnrollments,
    });
  }
  // Rule 9: the primary row of a person who collected something, against their employee enrollments.
  const overlapChain = facts.role === 'primary' && cp + ca > 0 && person.employeeEnrollments.length
    ? assessed.chain ?? ctx.policies.chain(facts.regionCode, ctx.year) : null;
  const overlap = overlapChain && employeeOverlap({
    idNumber: person.idNumber, name: facts.name, regionCode: facts.regionCode, collected: cp + ca, benefitStart: start?.date ?? null,
    txnIds: payments.map((p) => p.txnId), period: overlapChain.benefitPeriod(facts.category).value,
    enrollments: person.employeeEnrollments, chain: overlapChain,
  });

  // The flags as the rules above find them; the row holds them sorted (rule 11).
  const flags: Flag[] = [];
  if (isReversed(payments)) flags.push('REVERSED');
  if (isFiscalPaid(payments)) flags.push('FISCAL_PAID');
  flags.push(...assistance.flags);
  for (const gap of expected.gaps) flags.push(`POLICY_GAP:${gap}`);
  const undecided = status === 'PENDING' ? undecidedDeadlineFlag(assessed.deadline, ctx.asOf) : null;
  if (undecided) flags.push(undecided as Flag);
  if (duplicatePayment) flags.push('DUPLICATE_PAYMENT');
  if (byMoney) flags.push(...assistanceFlags(ca, expected.assistance!));
  if (start) flags.push(...start.flags);
  if (nameMismatch) flags.push('NAME_MISMATCH');
  if (overlap) flags.push(...overlap.flags);
  // A gap row's citations are shown as found (not made unique): as this code has always written them.
  const found = expected.gaps.length ? assessed.citations : [...new Set(start ? [...assessed.citations, ...start.citations] : assessed.citations)];
  const rule = overlap ? [...found, ...overlap.citations.filter((c) => !found.includes(c))] : found;

  const row: ResultRow = {
    idNumber: person.idNumber, name: facts.name, regionCode: facts.regionCode, coverageYear: ctx.year,
    category: facts.category, tier: facts.tier, assistanceCategory: expected.gaps.length ? null : assistance.giving?.entry.category ?? null,
    standard: expected.standard, subsidy: expected.subsidy, expectedPersonal: expected.personal, collectedPersonal: cp,
    expectedAssistance: expected.assistance, collectedAssistance: ca, variance: expected.personal === null ? null : cp - expected.personal,
    assistanceVariance: expected.assistance === null ? null : ca - expected.assistance,
    refundDue: 0, status, flags: sortedFlags(flags), actions: [], benefitStart: start?.date ?? null, firstPaidAt: facts.firstPaidAt, lastPaidAt: facts.lastPaidAt,
    payments: payments.length, isPrimary: facts.role === 'primary', rule, holdsUntil: null,
  };
  const refunds = refundsOf(row, assessed.chain?.value('late_recognition')?.citation ?? null); // rules 2 and 6
  for (const r of refunds) row.refundDue += r.amount;
  // Rule 10, of the row as decided. The inputs are named, not spread from the row: a copy of the whole row
  // per row cost about a third of the reconcile's time at 1M persons (docs/performance.md).
  row.actions = actionsOf({
    status: row.status, flags: row.flags, refunds, collectedPersonal: cp, expectedPersonal: row.expectedPersonal,
    collectedAssistance: ca, expectedAssistance: row.expectedAssistance, deadline: assessed.deadline, asOf: ctx.asOf,
    suspended: !!overlap?.suspensions.length, overlapReview: !!overlap?.review,
  });
  return {
    row, refunds, duplicatePayment: duplicatePayment ? duplicatePaymentEntry(row, payments) : null,
    employeeDuplicates: overlap?.duplicates ?? [], suspensions: overlap?.suspensions ?? [],
  };
}

/** A row's assessment: its expected amounts, the assistance counted, its deadline and the clauses it cites. */
type Assessed = {
  expected: Expected;
  assistance: EntitledAssistance;
  deadline: Deadline | null;
  /** The region's policy, where the row's money was assessed in it (rule 7 reads it too). */
  chain: PolicyChain | null;
  citations: string[];
};

/**
 * Rules 4 and 3 in the policy of the region where the person is enrolled: the standard and the window (a
 * gap in either leaves the money unknown), then the assistance counted (rule 3, which a gap may also leave
 * unknown), then E and A (rule 4), and the deadline (rule 6).
 */
function assessInPolicy(facts: RowFacts, person: PersonFacts, ctx: ReconcileContext): Assessed {
  const chain = ctx.policies.chain(facts.regionCode, ctx.year);
  const policy = regionPolicy(chain, facts.category, facts.tier);
  if ('gaps' in policy) return { expected: unknownAmounts(policy.gaps), assistance: NOTHING_COUNTED, deadline: null, chain: null, citations: [] };
  const { standard, window } = policy;
  const citations = [...new Set(cites(standard.citation, window.fields.start?.citation, window.citation))];
  const assistance = ruleThree(facts, facts.roster, person, ctx, chain, standard.value, window.value);
  if (assistance.gaps.length) return { expected: unknownAmounts(assistance.gaps, standard.value), assistance, deadline: null, chain: null, citations };
  // The clauses that decided S (its amount, the same_as links to it, a late recognition), each once in the
  // cell: a clause already among the standard's or window's citations is not repeated.
  if (assistance.giving) {
    const stated = new Set(citations.flatMap((c) => c.split('; ')));
    citations.push(...assistance.giving.citations.filter((c) => !stated.has(c)));
  }
  return {
    expected: expectedAmounts(standard.value, assistance.subsidy), assistance,
    deadline: deadlineOf(window.value, assistance.subsidy > 0 && !assistance.giving!.full), chain, citations,
  };
}

/**
 * Rule 3 for a row, in its region's policy (chain, standard, window), over `roster`. Where an entry begins
 * after the window of a person enrolled before it, rule 3 asks for the benefit start without late entries
 * (spec 4, order of evaluation): rule 7 with S from the entries beginning on or before the window end, so
 * rule 3 on those entries never asks again (no rule depends on its own result).
 */
function ruleThree(
  facts: RowFacts, roster: RosterFact[], person: PersonFacts, ctx: ReconcileContext, chain: PolicyChain, standard: number, window: ResolvedWindow,
): EntitledAssistance {
  const startWithoutLate = (): StartWithoutLate => {
    const early = ruleThree(facts, roster.filter((r) => r.effectiveFrom <= window.end), person, ctx, chain, standard, window);
    if (early.gaps.length) return { kind: 'unknown' };
    const { personal, assistance } = expectedAmounts(standard, early.subsidy);
    const start = benefitStart({
      payments: facts.payments, collectedPersonal: facts.netPersonal, collectedAssistance: facts.netAssistance,
      expectedPersonal: personal!, expectedAssistance: assistance!, deadline: deadlineOf(window, early.subsidy > 0 && !early.giving!.full),
      chain, category: facts.category, birthDate: person.birthDate, recognisedAfterWindow: false, employeeEnrollments: person.employeeEnrollments,
    });
    if (start === null) return { kind: 'not_started' };
    return start.date === null ? { kind: 'unknown' } : { kind: 'date', date: start.date };
  };
  const found = entitledAssistance({
    roster, regionCode: facts.regionCode, chain, window, standard, asOf: ctx.asOf, payments: facts.payments, startWithoutLate,
  });
  ctx.horizon?.note(found.holdsUntil); // every evaluation of rule 3 counts: rule 2's step (b) and rule 3's own, early entries' included
  return found;
}

/**
 * Rule 2's step (b): whether the student region's chain lets an assisted student choose, and whether the
 * person's assistance counts (a positive or unknown value) in another candidate region, rule 3 evaluated as
 * if that region were the primary, through an entry recognised there (recognisedIn: same city). Rule 3
 * counts an entry province-wide, but 四(三) lets a student choose the region that recognised them, not any
 * region of the province. A region whose standard or window is a gap cannot tell: no.
 */
function assistedChoice(person: PersonFacts, ctx: ReconcileContext): AssistedChoice<RegionGroup> {
  return {
    mayChoose: (student) => ctx.policies.chain(student.regionCode, ctx.year).assistedStudentMayChooseRegion()?.value === true,
    assistedThere: (group) => {
      const facts = regionRow(group, 'primary', person.roster);
      const chain = ctx.policies.chain(group.regionCode, ctx.year);
      const policy = regionPolicy(chain, facts.category, facts.tier);
      if ('gaps' in policy) return false;
      const s = ruleThree(facts, facts.roster, person, ctx, chain, policy.standard.value, policy.window.value);
      return s.counted.some((c) => (c.amount === null || c.amount > 0) && recognisedIn(c, group.regionCode));
    },
  };
}

/** Rule 2: a region where the person is not enrolled; a duplicate enrollment cites its own chain's clauses. */
function outsidePrimary(facts: RowFacts, ctx: ReconcileContext, basis: PrimaryBasis): Assessed {
  const role = facts.role as 'duplicate' | 'secondary';
  return {
    expected: expectedOutsidePrimary(role), assistance: NOTHING_COUNTED, deadline: null, chain: null,
    citations: role === 'duplicate' ? duplicateEnrollmentCitations(ctx.policies.chain(facts.regionCode, ctx.year), basis) : [],
  };
}

function cites(...citations: (string | null | undefined)[]): string[] {
  return citations.filter((c): c is string => !!c);
}
