import { addDays, monthsBefore } from '../../normalise/dates.js';
import type { PolicyChain } from '../../policy/policy-chain.js';
import type { EmployeeEnrollmentFact, Flag, PaymentFact } from '../person-facts.js';
import type { Deadline } from './status.js';

/**
 * T for rule 7 (v2): the date from which the obligation has stayed met up to D, i.e. the payment date on
 * which the cumulative net payments, in date order, last rose from below the obligation to meet it. The
 * obligation is personal payments reaching E, and, when E = 0, assistance payments reaching A (rule 7's
 * "C_p ≥ E, and C_a ≥ A when E = 0"). A reversal that breaks it and a later re-payment make the
 * re-payment's date T (spec 7.11). The sums are compared at the end of each payment date, not after each
 * payment: a reversal and its re-payment on the same day never broke the obligation, whatever order the
 * day's rows come in. Before the first payment nothing is met (so with E = A = 0, T is the first payment
 * date: the person enrolled then). Null when not met at the end. One pass, no allocation: the per-person
 * hot path. `payments` must be in payment order (person-stream.ts) and dated on or before D (the stream
 * reads only those).
 */
export function obligationMetOn(payments: PaymentFact[], expectedPersonal: number, expectedAssistance: number): string | null {
  let personal = 0;
  let assistance = 0;
  let since: string | null = null;
  for (let i = 0; i < payments.length; i++) {
    const p = payments[i]!;
    if (p.payerType === 'personal') personal += p.amountFen;
    else if (p.payerType === 'assistance') assistance += p.amountFen; // `fiscal` meets neither obligation (rule 5)
    if (i + 1 < payments.length && payments[i + 1]!.paidOn === p.paidOn) continue; // the day is not over
    const met = personal >= expectedPersonal && (expectedPersonal > 0 || assistance >= expectedAssistance);
    if (!met) since = null;
    else if (since === null) since = p.paidOn;
  }
  return since;
}

export type BenefitStart = { date: string | null; flags: Flag[]; citations: string[] };

/**
 * Rule 7 for the row of the region where the person is enrolled: null unless the obligation is met
 * (C_p ≥ E, and C_a ≥ A when E = 0) by payments on some date T, else the benefit start from T.
 */
export function benefitStart(args: {
  payments: PaymentFact[]; collectedPersonal: number; collectedAssistance: number; expectedPersonal: number; expectedAssistance: number;
  deadline: Deadline; chain: PolicyChain; category: string; birthDate: string; recognisedAfterWindow: boolean;
  /** The person's employee enrollments as known on D (case 5); none when omitted. */
  employeeEnrollments?: readonly EmployeeEnrollmentFact[];
}): BenefitStart | null {
  const { payments, expectedPersonal: e, expectedAssistance: a } = args;
  const met = args.collectedPersonal >= e && (e > 0 || args.collectedAssistance >= a);
  if (!met || payments.length === 0) return null;
  const metOn = obligationMetOn(payments, e, a);
  if (!metOn) return null;
  const { deadline, chain, category, birthDate, recognisedAfterWindow, employeeEnrollments } = args;
  return benefitStartOn({ metOn, deadline, chain, category, birthDate, recognisedAfterWindow, employeeEnrollments });
}

/**
 * Rule 7, benefit start (待遇享受起始日), given T: the first of its cases that applies, in the spec's order.
 * LATE_PAYMENT whenever T is after the deadline (never while the deadline is undecided: case 2).
 */
export function benefitStartOn(args: {
  metOn: string; deadline: Deadline; chain: PolicyChain; category: string; birthDate: string; recognisedAfterWindow: boolean;
  /** The person's employee enrollments as known on D (case 5); none when omitted. */
  employeeEnrollments?: readonly EmployeeEnrollmentFact[];
}): BenefitStart {
  const { metOn, deadline, chain, category, birthDate } = args;
  const period = chain.benefitPeriod(category);
  const cite = (c: string | null | undefined) => (c ? [c] : []);
  // 1. T on or before the deadline (while it is undecided, on or before the date already certain): the
  //    benefit period start (赣医保发〔2022〕14号 四(一)).
  if (metOn <= deadline.date) return { date: period.value.start, flags: [], citations: cite(period.citation) };
  // 2. The deadline not yet decided and T no later than its latest date: blank, flagged, and no LATE_PAYMENT
  //    (T may yet be in time).
  if (deadline.latest !== null && metOn <= deadline.latest) return { date: null, flags: [`POLICY_GAP:${deadline.gap}`], citations: [] };
  const flags: Flag[] = ['LATE_PAYMENT'];
  // 3. A newborn with T within newborn_grace_days of birth: the later of birth and the period start (四(四)).
  const grace = chain.newbornGraceDays();
  if (category === 'newborn' && grace && metOn <= addDays(birthDate, grace.value)) {
    return { date: birthDate > period.value.start ? birthDate : period.value.start, flags, citations: cite(grace.citation) };
  }
  //    Without newborn_grace_days in the chain, whether a newborn's late payment is within the grace is
  //    unknown: blank and the gap (spec 3: a date gap, never a default), not the waiting of case 7.
  if (category === 'newborn' && !grace) return { date: null, flags: [...flags, 'POLICY_GAP:newborn_grace_days'], citations: [] };
  // 4. A category in waiting_exempt (veterans, other special persons): T + 1 day (四(五)(七)).
  const exempt = chain.waitingExempt();
  if (exempt?.value.includes(category)) return { date: addDays(metOn, 1), flags, citations: cite(exempt.citation) };
  // 5. An employee-insurance lapse of at most waiting_exempt_after_employee_months before T (四(七)): T + 1 day;
  //    the chain lacking the key while a lapse exists: blank and POLICY_GAP:waiting_exempt_after_employee_months.
  const lapse = employeeLapseStart(metOn, args.employeeEnrollments ?? [], chain);
  if (lapse) return { date: lapse.date, flags: [...flags, ...lapse.flags], citations: lapse.citations };
  // 6. A person assisted through late_recognition `unenrolled`.
  //    As the chain's late_recognition.benefit_start says, else blank and POLICY_GAP:benefit_start.
  if (args.recognisedAfterWindow) return lateRecognitionStart(metOn, period.value.start, chain, flags);
  // 7. Otherwise T + waiting_days (四(一)); with waiting_days absent: blank and POLICY_GAP:waiting_days.
  const waiting = chain.waitingDays();
  if (!waiting) return { date: null, flags: [...flags, 'POLICY_GAP:waiting_days'], citations: [] };
  return { date: addDays(metOn, waiting.value), flags, citations: cite(waiting.citation) };
}

/**
 * Rule 7 case 5 (v2): an employee insurance (spec 2.5) that ended before T and on or after T minus
 * `waiting_exempt_after_employee_months` calendar months (monthsBefore: the same day, or the month's last
 * day) exempts the person from waiting (赣医保发〔2022〕14号 四(七) "职工医保中断缴费 3 个月以内"): T + 1 day,
 * flag EMPLOYEE_LAPSE_EXEMPT. Where the chain lacks the key, the window is unknown: any employee insurance
 * that ended before T is "such a lapse" (no month count can be assumed), and the start is blank, flagged
 * POLICY_GAP:waiting_exempt_after_employee_months (a date-only gap: no action). Null when no case-5 lapse
 * exists. An end after the as-of date reads as open (employee-enrollment-fact.ts), so it never ended before T.
 */
function employeeLapseStart(metOn: string, enrollments: readonly EmployeeEnrollmentFact[], chain: PolicyChain): BenefitStart | null {
  if (enrollments.length === 0) return null;
  const months = chain.waitingExemptAfterEmployeeMonths();
  const earliest = months ? monthsBefore(metOn, months.value) : null;
  let lapsed = false;
  for (const e of enrollments) {
    if (e.insuredTo === null || e.insuredTo >= metOn) continue;
    lapsed = true;
    if (earliest !== null && e.insuredTo >= earliest) {
      return { date: addDays(metOn, 1), flags: ['EMPLOYEE_LAPSE_EXEMPT'], citations: months!.citation ? [months!.citation] : [] };
    }
  }
  if (lapsed && !months) return { date: null, flags: ['POLICY_GAP:waiting_exempt_after_employee_months'], citations: [] };
  return null;
}

/**
 * Rule 7 case 6: the benefit start of a person assisted through `late_recognition: unenrolled`. The documents
 * read two ways (赣医保发〔2022〕14号 四(二): the whole year for 资助参保对象; 赣市医保字〔2022〕24号 三: 90 days
 * after a payment outside the collection period), and 三(二) says nothing about dates: only the chain's
 * `late_recognition.benefit_start` decides (`period_start`: the period start; `waiting`: T + waiting_days,
 * itself a gap where absent); else blank, POLICY_GAP:benefit_start. Never T + 1 (that was an invention).
 */
function lateRecognitionStart(metOn: string, periodStart: string, chain: PolicyChain, flags: Flag[]): BenefitStart {
  const decided = chain.lateRecognition('benefit_start');
  if (!decided) return { date: null, flags: [...flags, 'POLICY_GAP:benefit_start'], citations: [] };
  const cite = decided.citation ? [decided.citation] : [];
  if (decided.value === 'period_start') return { date: periodStart, flags, citations: cite };
  const waiting = chain.waitingDays();
  if (!waiting) return { date: null, flags: [...flags, 'POLICY_GAP:waiting_days'], citations: [] };
  return { date: addDays(metOn, waiting.value), flags, citations: [...cite, ...(waiting.citation ? [waiting.citation] : [])] };
}
