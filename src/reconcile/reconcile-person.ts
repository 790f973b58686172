import type { PolicySet } from '../policy/policy-set.js';
import type { PolicyChain } from '../policy/policy-chain.js';
import { benefitStart, obligationMetOn } from './benefit-start.js';
import { entitledAssistance, type EntitledAssistance } from './entitled-assistance.js';
import type { DuplicateEntry, Flag, PersonFacts, PersonResult, Refund, ResultRow, RosterFact } from './person-facts.js';
import { choosePrimaryRegion } from './primary-region.js';
import { groupByRegion, type RegionGroup } from './region-groups.js';
import { decideStatus } from './status.js';
import { tooManyPaymentsResult } from './too-many-payments.js';

export type ReconcileContext = { policies: PolicySet; year: number; asOf: string };

const RULE_DUPLICATE = '医保发〔2022〕20号 十一 (重复参保治理); 赣医保发〔2022〕14号 四(三)';

/**
 * Reconciles one person for coverage year Y as of D (spec 4, rules 1–7): one row per region with
 * payments, or one row for an entitled roster person who paid nothing; plus their refunds and duplicate
 * entries. Pure: everything it needs is in its arguments. A person whose payments were too many to hold
 * comes tallied instead, and is reported without the rules (too-many-payments.ts).
 */
export function reconcilePerson(person: PersonFacts, ctx: ReconcileContext): PersonResult {
  if (person.tally) return tooManyPaymentsResult(person, person.tally, ctx.year);
  const result: PersonResult = { rows: [], refunds: [], duplicates: [] };
  const names = new Set([...person.payments.map((p) => p.name), ...person.roster.map((r) => r.name)]);
  const nameMismatch = names.size > 1;

  if (person.payments.length === 0) {
    const row = rosterOnlyRow(person, ctx);
    if (row) result.rows.push(row);
  } else {
    const groups = groupByRegion(person.payments);
    const { primary, duplicates } = choosePrimaryRegion(groups);
    for (const group of groups) {
      if (duplicates.includes(group)) result.rows.push(duplicateRow(person, group, ctx));
      else result.rows.push(regionRow(person, group, group === primary, ctx));
    }
    if (duplicates.length) {
      const name = primary.latest.name;
      result.duplicates.push({
        kind: 'DUPLICATE_ENROLLMENT', idNumber: person.idNumber, name,
        regionCodes: [primary, ...duplicates].map((g) => g.regionCode).sort(),
        txnIds: duplicates.flatMap((g) => g.payments.map((p) => p.txnId)),
        otherIdNumber: null,
        detail: `primary region ${primary.regionCode}; refunded in ${duplicates.map((g) => g.regionCode).join(', ')}`,
      });
    }
  }
  for (const row of result.rows) {
    if (nameMismatch) row.flags.push('NAME_MISMATCH');
    result.refunds.push(...refundsOf(row));
    if (row.flags.includes('DUPLICATE_PAYMENT')) {
      const positives = person.payments.filter((p) => p.regionCode === row.regionCode && p.payerType === 'personal' && p.amountFen > 0);
      result.duplicates.push({
        kind: 'DUPLICATE_PAYMENT', idNumber: person.idNumber, name: row.name, regionCodes: [row.regionCode],
        txnIds: positives.map((p) => p.txnId), otherIdNumber: null,
        detail: `${positives.length} personal payments for one enrollment`,
      });
    }
  }
  return result;
}

/** Rule 2: a region other than the primary with net payments > 0: expected 0, whole net collection refunded. */
function duplicateRow(person: PersonFacts, group: RegionGroup, ctx: ReconcileContext): ResultRow {
  const base = baseRow(person, group, ctx);
  const row: ResultRow = {
    ...base, standard: null, subsidy: 0, expectedPersonal: 0, expectedAssistance: 0,
    variance: base.collectedPersonal, status: 'DUPLICATE_ENROLLMENT', isPrimary: false,
    flags: reversedFlag(group), rule: [RULE_DUPLICATE],
  };
  row.refundDue = refundsOf(row).reduce((s, r) => s + r.amount, 0);
  return row;
}

function baseRow(person: PersonFacts, group: RegionGroup, ctx: ReconcileContext): ResultRow {
  const dates = group.payments.map((p) => p.paidOn);
  return {
    idNumber: person.idNumber, name: group.latest.name, regionCode: group.regionCode, coverageYear: ctx.year,
    category: group.latest.category, tier: group.latest.tier, assistanceCategory: null,
    standard: null, subsidy: null, expectedPersonal: null, collectedPersonal: group.netPersonal,
    expectedAssistance: null, collectedAssistance: group.netAssistance, variance: null, refundDue: 0,
    status: 'OK', flags: [], benefitStart: null,
    firstPaidAt: dates.reduce((a, b) => (a < b ? a : b)), lastPaidAt: dates.reduce((a, b) => (a > b ? a : b)),
    payments: group.payments.length, isPrimary: true, rule: [],
  };
}

function reversedFlag(group: RegionGroup): Flag[] {
  return group.payments.some((p) => p.amountFen < 0) ? ['REVERSED'] : [];
}

/**
 * A region row (the primary, or a secondary whose net is zero or less). A secondary region is not where
 * the person is enrolled: its expected amounts are 0 and no assistance is counted there; it is listed so
 * that every payment is accounted for.
 */
function regionRow(person: PersonFacts, group: RegionGroup, isPrimary: boolean, ctx: ReconcileContext): ResultRow {
  const row = { ...baseRow(person, group, ctx), isPrimary };
  row.flags.push(...reversedFlag(group));
  if (!isPrimary) {
    return finish(row, { subsidy: 0, standard: 0, giving: null, deadline: '', entitled: false, chain: null }, person, group.payments, ctx);
  }
  const chain = ctx.policies.chain(group.regionCode, ctx.year);
  const personal = group.payments.filter((p) => p.payerType === 'personal');
  return evaluate(row, chain, person, person.roster, personal, group.payments, ctx);
}

/** Rule 1: an entitled roster person with no payments, in the region of the entry giving the highest value. */
function rosterOnlyRow(person: PersonFacts, ctx: ReconcileContext): ResultRow | null {
  let best: { row: ResultRow; value: number } | null = null;
  for (const entry of [...person.roster].sort((a, b) => a.regionCode.localeCompare(b.regionCode))) {
    const chain = ctx.policies.chain(entry.regionCode, ctx.year);
    const row: ResultRow = {
      idNumber: person.idNumber, name: entry.name, regionCode: entry.regionCode, coverageYear: ctx.year,
      category: 'resident', tier: '1', assistanceCategory: null, standard: null, subsidy: null,
      expectedPersonal: null, collectedPersonal: 0, expectedAssistance: null, collectedAssistance: 0,
      variance: null, refundDue: 0, status: 'OK', flags: [], benefitStart: null, firstPaidAt: null,
      lastPaidAt: null, payments: 0, isPrimary: true, rule: [],
    };
    const evaluated = evaluate(row, chain, person, [entry], [], [], ctx);
    // A gap means entitlement cannot be decided: the row is kept (POLICY_GAP) so an auditor sees it.
    const value = evaluated.subsidy ?? 0;
    if (value === 0 && evaluated.status !== 'POLICY_GAP') continue;
    if (!best || value > best.value) best = { row: evaluated, value };
  }
  return best?.row ?? null;
}

type Assessed = {
  subsidy: number;
  standard: number;
  giving: EntitledAssistance['giving'];
  deadline: string;
  entitled: boolean;
  chain: PolicyChain | null;
};

/** Rules 3–7 for a row in its region's policy. */
function evaluate(
  row: ResultRow, chain: PolicyChain, person: PersonFacts, roster: RosterFact[],
  personal: RegionGroup['payments'], payments: RegionGroup['payments'], ctx: ReconcileContext,
): ResultRow {
  const standard = chain.standard(row.category, row.tier);
  const window = chain.window();
  const gaps: string[] = [];
  if ('gap' in standard) gaps.push(standard.gap);
  if ('gap' in window) gaps.push(window.gap);
  if (gaps.length) return gapRow(row, gaps);
  const std = (standard as Exclude<typeof standard, { gap: string }>);
  const win = (window as Exclude<typeof window, { gap: string }>);
  row.rule.push(...cites(std.citation, win.citation));

  const assistance = entitledAssistance(roster, chain, win.value, std.value, ctx.asOf, personal);
  row.flags.push(...assistance.flags);
  if (assistance.gaps.length) return gapRow(row, assistance.gaps, std.value);
  const entitled = assistance.subsidy > 0;
  if (assistance.giving) {
    row.assistanceCategory = assistance.giving.entry.category;
    row.rule.push(...cites(assistance.giving.citation));
  }
  const deadline = entitled && win.value.assisted_end ? win.value.assisted_end : win.value.end;
  return finish(row, { subsidy: assistance.subsidy, standard: std.value, giving: assistance.giving, deadline, entitled, chain }, person, payments, ctx);
}

/** Rules 4–7 once S and the standard are known. */
function finish(row: ResultRow, a: Assessed, person: PersonFacts, payments: RegionGroup['payments'], ctx: ReconcileContext): ResultRow {
  const expectedPersonal = a.standard - a.subsidy;
  const expectedAssistance = a.subsidy;
  const cp = row.collectedPersonal;
  const personal = payments.filter((p) => p.payerType === 'personal');
  const positives = personal.filter((p) => p.amountFen > 0).length;
  const negatives = personal.filter((p) => p.amountFen < 0).length;
  if (cp > expectedPersonal && positives - negatives >= 2) row.flags.push('DUPLICATE_PAYMENT');
  const earliestPersonal = personal.find((p) => p.amountFen > 0)?.paidOn ?? null;
  const status = decideStatus({
    duplicateEnrollment: false, policyGap: false, collectedPersonal: cp, expectedPersonal, subsidy: a.subsidy,
    paidBeforeRecognition: earliestPersonal !== null && a.giving !== null && earliestPersonal < a.giving.entry.effectiveFrom,
    asOf: ctx.asOf, deadline: a.deadline, hasPayments: payments.length > 0, entitled: a.entitled,
  });
  if (row.collectedAssistance < expectedAssistance) row.flags.push('ASSISTANCE_UNPAID');
  if (row.collectedAssistance > expectedAssistance) row.flags.push('ASSISTANCE_OVERPAID');
  const out: ResultRow = {
    ...row, standard: a.standard, subsidy: a.subsidy, expectedPersonal, expectedAssistance,
    variance: cp - expectedPersonal, status,
  };
  const met = cp >= expectedPersonal && (expectedPersonal > 0 || row.collectedAssistance >= expectedAssistance);
  if (met && a.chain && payments.length) {
    const metOn = obligationMetOn(payments, expectedPersonal, expectedAssistance);
    if (metOn) {
      const start = benefitStart({
        metOn, deadline: a.deadline, chain: a.chain, category: row.category, birthDate: person.birthDate,
        recognisedAfterWindow: a.entitled && a.giving !== null && a.giving.late,
      });
      out.benefitStart = start.date;
      out.flags.push(...start.flags);
      out.rule.push(...start.citations);
    }
  }
  out.refundDue = refundsOf(out).reduce((s, r) => s + r.amount, 0);
  out.rule = [...new Set(out.rule)];
  return out;
}

function gapRow(row: ResultRow, gaps: string[], standard: number | null = null): ResultRow {
  return { ...row, standard, status: 'POLICY_GAP', flags: [...row.flags, ...gaps.map((g): Flag => `POLICY_GAP:${g}`)] };
}

function cites(...citations: (string | null | undefined)[]): string[] {
  return citations.filter((c): c is string => !!c);
}

/** The refunds a row gives rise to (rules 2 and 6). */
export function refundsOf(row: ResultRow): Refund[] {
  const base = { idNumber: row.idNumber, name: row.name, regionCode: row.regionCode, rule: row.rule };
  const out: Refund[] = [];
  if (row.status === 'DUPLICATE_ENROLLMENT') {
    if (row.collectedPersonal > 0) out.push({ ...base, payee: 'person', amount: row.collectedPersonal, reason: 'DUPLICATE_ENROLLMENT' });
    if (row.collectedAssistance > 0) out.push({ ...base, payee: 'assistance_fund', amount: row.collectedAssistance, reason: 'DUPLICATE_ENROLLMENT' });
    return out;
  }
  if (row.expectedPersonal === null || row.expectedAssistance === null) return out;
  if (row.status === 'REFUND_DUE') {
    out.push({ ...base, payee: 'person', amount: row.collectedPersonal - row.expectedPersonal, reason: 'ASSISTANCE_RECOGNISED_AFTER_PAYMENT', rule: [...row.rule, '赣医保发〔2022〕14号 三(二)'] });
  }
  if (row.status === 'OVERPAID') out.push({ ...base, payee: 'person', amount: row.collectedPersonal - row.expectedPersonal, reason: 'OVERPAID' });
  if (row.collectedAssistance > row.expectedAssistance) {
    out.push({ ...base, payee: 'assistance_fund', amount: row.collectedAssistance - row.expectedAssistance, reason: 'ASSISTANCE_OVERPAID' });
  }
  return out;
}
