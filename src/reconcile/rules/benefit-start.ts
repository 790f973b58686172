import { addDays } from '../../normalise/dates.js';
import type { PolicyChain } from '../../policy/policy-chain.js';
import type { Flag, PaymentFact } from '../person-facts.js';
import type { Deadline } from './status.js';

/**
 * T for rule 7: the date on which the cumulative net payments first met the obligation — personal
 * payments reach E, and, when E = 0, assistance payments reach A. Null when never met.
 */
export function obligationMetOn(payments: PaymentFact[], expectedPersonal: number, expectedAssistance: number): string | null {
  let personal = 0;
  let assistance = 0;
  for (const p of payments) {
    if (p.payerType === 'personal') personal += p.amountFen;
    else if (p.payerType === 'assistance') assistance += p.amountFen; // `fiscal` meets neither obligation (rule 5)
    if (personal >= expectedPersonal && (expectedPersonal > 0 || assistance >= expectedAssistance)) return p.paidOn;
  }
  return null;
}

export type BenefitStart = { date: string | null; flags: Flag[]; citations: string[] };

/**
 * Rule 7 for the row of the region where the person is enrolled: null unless the obligation is met
 * (C_p ≥ E, and C_a ≥ A when E = 0) by payments on some date T, else the benefit start from T.
 */
export function benefitStart(args: {
  payments: PaymentFact[]; collectedPersonal: number; collectedAssistance: number; expectedPersonal: number; expectedAssistance: number;
  deadline: Deadline; chain: PolicyChain; category: string; birthDate: string; recognisedAfterWindow: boolean;
}): BenefitStart | null {
  const { payments, expectedPersonal: e, expectedAssistance: a } = args;
  const met = args.collectedPersonal >= e && (e > 0 || args.collectedAssistance >= a);
  if (!met || payments.length === 0) return null;
  const metOn = obligationMetOn(payments, e, a);
  if (!metOn) return null;
  const { deadline, chain, category, birthDate, recognisedAfterWindow } = args;
  return benefitStartOn({ metOn, deadline, chain, category, birthDate, recognisedAfterWindow });
}

/**
 * Rule 7, benefit start (待遇享受起始日), given T:
 * - T on or before the deadline (while it is undecided, on or before the date already certain): the
 *   benefit period start (赣医保发〔2022〕14号 四(一));
 * - the deadline not yet decided and T no later than its latest date: blank, flagged
 *   POLICY_GAP:collection_window.end (or .assisted_end), and no LATE_PAYMENT (T may yet be in time);
 * - a newborn with T within newborn_grace_days of birth: the later of birth and period start (四(四));
 * - a category in waiting_exempt (veterans, other special persons): T + 1 day (四(五)(七));
 * - a person assisted through `late_recognition: unenrolled` (rule 3; `recognisedAfterWindow`): as the
 *   chain's `late_recognition.benefit_start` says, else blank and POLICY_GAP:benefit_start (lateRecognitionStart);
 * - otherwise T + waiting_days (四(一)); with waiting_days absent: blank and POLICY_GAP:waiting_days.
 * LATE_PAYMENT whenever T is after the deadline.
 */
export function benefitStartOn(args: {
  metOn: string; deadline: Deadline; chain: PolicyChain; category: string; birthDate: string; recognisedAfterWindow: boolean;
}): BenefitStart {
  const { metOn, deadline, chain, category, birthDate } = args;
  const period = chain.benefitPeriod(category);
  const cite = (c: string | null | undefined) => (c ? [c] : []);
  if (metOn <= deadline.date) return { date: period.value.start, flags: [], citations: cite(period.citation) };
  if (deadline.latest !== null && metOn <= deadline.latest) return { date: null, flags: [`POLICY_GAP:${deadline.gap}`], citations: [] };
  const flags: Flag[] = ['LATE_PAYMENT'];
  const grace = chain.newbornGraceDays();
  if (category === 'newborn' && grace && metOn <= addDays(birthDate, grace.value)) {
    return { date: birthDate > period.value.start ? birthDate : period.value.start, flags, citations: cite(grace.citation) };
  }
  const exempt = chain.waitingExempt();
  if (exempt?.value.includes(category)) return { date: addDays(metOn, 1), flags, citations: cite(exempt.citation) };
  if (args.recognisedAfterWindow) return lateRecognitionStart(metOn, period.value.start, chain, flags);
  const waiting = chain.waitingDays();
  if (!waiting) return { date: null, flags: [...flags, 'POLICY_GAP:waiting_days'], citations: [] };
  return { date: addDays(metOn, waiting.value), flags, citations: cite(waiting.citation) };
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
