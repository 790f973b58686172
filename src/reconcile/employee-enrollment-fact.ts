import type { EmployeeEnrollmentFact } from './person-facts.js';

/** An employee_enrollments row as the person stream reads it. */
export type EmployeeEnrollmentRow = {
  region_code: string; insured_from: string; insured_to: string | null; insured_kind: string | null; employer: string;
};

/**
 * An employee enrollment as the bureau could know it on the as-of date D (spec 4 preamble, v2): one that
 * starts after D is left out (null), and an insured_to after D reads as open (still insured on D), so that
 * a replay with `--as-of` gives the result of that day even when a later snapshot is already held.
 */
export function employeeEnrollmentAsOf(v: EmployeeEnrollmentRow, asOf: string): EmployeeEnrollmentFact | null {
  if (v.insured_from > asOf) return null;
  return {
    regionCode: v.region_code,
    insuredFrom: v.insured_from,
    insuredTo: v.insured_to !== null && v.insured_to <= asOf ? v.insured_to : null,
    insuredKind: v.insured_kind,
    employer: v.employer,
  };
}
