import { expect } from 'vitest';
import { PolicyChain } from '../../src/policy/policy-chain.js';
import type { PolicyFile } from '../../src/policy/policy-file.js';
import { PolicySet } from '../../src/policy/policy-set.js';
import type { EmployeeEnrollmentFact, PaymentFact, PersonFacts, ResultRow, RosterFact } from '../../src/reconcile/person-facts.js';
import { reconcilePerson, type ReconcileContext } from '../../src/reconcile/reconcile-person.js';

/**
 * Small builders for the pure rules: plain facts for one person, reconciled with the shipped policies for
 * 2023. Amounts are given in yuan for readability and stored in fen. Region 360702 (Ganzhou, 章贡区) unless
 * said otherwise: standard 350.00, minimum_living 320.00, window 2022-09-01..2022-12-31, assisted_end 2023-03-31.
 */
export const policies = PolicySet.load();
export const ctx = (asOf = '2023-06-01'): ReconcileContext => ({ policies, year: 2023, asOf });

let txn = 0;
export const pay = (paidOn: string, yuan: number, extra: Partial<PaymentFact> = {}): PaymentFact => ({
  txnId: `T${++txn}`, regionCode: '360702', amountFen: yuan * 100, paidOn, paidTime: null, payerType: 'personal',
  category: 'resident', tier: '1', name: '某甲', ...extra,
});

export const roster = (category: string, from: string, to: string | null = null, regionCode = '360702', name = '某甲'): RosterFact =>
  ({ category, effectiveFrom: from, effectiveTo: to, regionCode, name });

/** An employee enrollment (spec 2.5) as the stream gives it on the as-of date (`to` null = still insured). */
export const employment = (from: string, to: string | null = null, regionCode = '360702', insuredKind: string | null = 'employee'): EmployeeEnrollmentFact =>
  ({ regionCode, insuredFrom: from, insuredTo: to, insuredKind, employer: '某公司' });

export const person = (payments: PaymentFact[], entries: RosterFact[] = [], birthDate = '1980-01-01', enrollments: EmployeeEnrollmentFact[] = []): PersonFacts =>
  ({ idNumber: 'X', birthDate, payments, roster: entries, employeeEnrollments: enrollments });

/** Reconciles a person expected to have exactly one result row, and returns it. */
export function only(p: PersonFacts, asOf?: string): ResultRow {
  const { rows } = reconcilePerson(p, ctx(asOf));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** A policy chain of one inline file (region 360702 unless said), for rules that read a chain directly. */
export const chainOf = (values: Omit<PolicyFile, 'region_code' | 'coverage_year'>, regionCode = '360702'): PolicyChain =>
  new PolicyChain(regionCode, 2023, [{ region_code: regionCode, coverage_year: 2023, ...values }]);
