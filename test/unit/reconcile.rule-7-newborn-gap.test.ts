import { describe, expect, it } from 'vitest';
import { benefitStartOn } from '../../src/reconcile/rules/benefit-start.js';
import type { Deadline } from '../../src/reconcile/rules/status.js';
import { chainOf } from '../helpers/facts.js';

const decided: Deadline = { date: '2022-12-31', latest: null, gap: null };
const late = (chain: ReturnType<typeof chainOf>) =>
  benefitStartOn({ metOn: '2023-02-01', deadline: decided, chain, category: 'newborn', birthDate: '2023-01-05', recognisedAfterWindow: false });

/** Rule 7 case 3 needs newborn_grace_days: where the chain lacks it, a late newborn's start is a gap, not case 7's waiting. */
describe('rule 7 case 3 (v2): a newborn paying late where the chain states no newborn_grace_days', () => {
  it('has a blank benefit start, LATE_PAYMENT and POLICY_GAP:newborn_grace_days, even where waiting_days is stated', () => {
    expect(late(chainOf({ waiting_days: 90 }))).toEqual({ date: null, flags: ['LATE_PAYMENT', 'POLICY_GAP:newborn_grace_days'], citations: [] });
    expect(late(chainOf({}))).toEqual({ date: null, flags: ['LATE_PAYMENT', 'POLICY_GAP:newborn_grace_days'], citations: [] });
  });

  it('is covered from birth where the chain states the grace days', () => {
    expect(late(chainOf({ waiting_days: 90, newborn_grace_days: 90, citations: { newborn_grace_days: '四(四)' } })))
      .toEqual({ date: '2023-01-05', flags: ['LATE_PAYMENT'], citations: ['四(四)'] });
  });
});
