import { beforeAll, describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { query } from '../helpers/db.js';
import { night } from '../helpers/run.js';

/**
 * `recon explain` shows every value of each row's chain as the reconcile applied it, and says why an amount
 * is blank (issue 16: a duplicate enrollment read "standard (unknown: policy gap)", a same_as "amount ABSENT
 * (same_as via …)", and the window of the --policies override the row was computed with "ABSENT").
 */
describe('recon explain: the values a row rests on, and why an amount is blank', () => {
  const n = night();
  const personWith = (where: string) => query<{ id_number: string }>(n.db, `select id_number from recon_results where ${where} order by id_number`)[0]!.id_number;
  const explain = (id: string) => {
    const r = recon(['explain', id, '--db', n.db]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  beforeAll(() => {
    const r = recon(n.args());
    expect(r.code, r.stderr).toBe(0);
  });

  it('a duplicate enrollment row says it has no standard there, not that a policy gap left it unknown', () => {
    const out = explain(personWith("status = 'DUPLICATE_ENROLLMENT'"));
    const row = out.slice(out.indexOf(': DUPLICATE_ENROLLMENT'));
    expect(row).toMatch(/no standard here \(a duplicate enrollment: nothing is expected in this region, its net collection is refunded\)/);
    expect(out).not.toMatch(/policy gap/);
  });

  it("a policy gap row names its gap once; the chain shows same_as resolved and the override's window it was computed with", () => {
    const out = explain(personWith("region_code = '410800' and status = 'POLICY_GAP'"));
    expect(out).toMatch(/standard 350\.00 − subsidy unknown = expected personal unknown/);
    expect(out).toMatch(/amounts unknown because of a policy gap: POLICY_GAP:assistance\.minimum_living/);
    expect(out).toMatch(/edge_of_poverty: same as minimum_living +← 410000 [^\n]*→ minimum_living: set locally \(amount not stated: POLICY_GAP\) +← 000000/);
    expect(out).toMatch(/start: 2022-09-01 +← 410800 \(SAMPLE DATA/);
    expect(out).toMatch(/end: 2022-12-31, the deadline +← 410800 \(SAMPLE DATA/);
    expect(out).not.toMatch(/ABSENT|same_as via|\(unknown: policy gap\)/);
  });

  it('shows the assistance variance and the actions of each row (rule 10)', () => {
    const out = explain(personWith("status = 'REFUND_DUE'"));
    expect(out).toMatch(/expected assistance 320\.00; collected 0\.00; assistance variance -320\.00; refund due 320\.00/);
    expect(out).toMatch(/\n  actions: REFUND_PERSON\n/);
    expect(explain(personWith("status = 'POLICY_GAP' and region_code = '410800'"))).toMatch(/assistance variance unknown;[^\n]*\n  actions: REVIEW\n/);
    expect(explain(personWith("status = 'OK' and actions = '' and flags = ''"))).toMatch(/\n  actions: none\n/);
  });
});
