import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { execute, query } from '../helpers/db.js';
import { ENGINE } from '../helpers/engine.js';
import { NIGHT_1, NIGHT_2, PERSON, twoNights } from '../helpers/nights.js';
import { logEvents } from '../helpers/run.js';

/**
 * An incremental night checks the results-layer invariants on the rows of the persons it changed, and the
 * year's balance from the kept per-region totals against every payment of the year (db/result-invariants.ts,
 * checkInvariants). Each check must still stop such a night (exit 1, nothing kept) when it is broken: a
 * fault planted in the store between two nights (a trigger that spoils what the job writes for A, whom
 * night 2 recomputes, or a payment the dirty-person search cannot see) must fail night 2 with the check's
 * message. With the fault taken out, the same night runs incrementally: the failed night was one.
 */
const A = PERSON.A;
const D = PERSON.D;

/** SQL that plants a fault into every row of `table` the job writes for `person` (insert, or SQLite's in-place update). */
function plant(table: string, person: string, sqlite: string, postgres: { set?: string; after?: string }): string {
  if (ENGINE === 'sqlite') {
    return ['insert', 'update'].map((on) => `create trigger plant_${on} after ${on} on ${table} when new.id_number = '${person}' begin ${sqlite} end;`).join('\n');
  }
  const body = postgres.set ? `${postgres.set}; end if; return new;` : `${postgres.after}; end if; return null;`;
  return `create function plant() returns trigger language plpgsql as $f$ begin if new.id_number = '${person}' then ${body} end $f$;
    create trigger plant ${postgres.set ? 'before' : 'after'} insert or update on ${table} for each row execute function plant();`;
}

function unplant(table: string): string {
  return ENGINE === 'sqlite' ? 'drop trigger plant_insert; drop trigger plant_update;' : `drop trigger plant on ${table}; drop function plant();`;
}

/** Night 1, then the fault, then night 2 (which must fail with `message`), then night 2 again without the fault. */
function failsNight2(fault: string, repair: string, message: RegExp): void {
  const t = twoNights();
  t.run(NIGHT_1, 'out');
  t.deliverNight2();
  execute(t.db, fault);
  const before = query(t.db, 'select * from reconciliations');
  const r = recon(t.args('--as-of', NIGHT_2, '--out', join(t.root, 'out')));
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(logEvents(r.stdout).at(-1)).toMatchObject({ event: 'run_failed', level: 'error' });
  expect(query(t.db, 'select * from reconciliations')).toEqual(before);
  execute(t.db, repair);
  const again = recon(t.args('--as-of', NIGHT_2, '--out', join(t.root, 'out')));
  expect(again.code, again.stderr).toBe(0);
  expect(logEvents(again.stdout).find((e) => e.event === 'reconcile_done')).toMatchObject({ mode: 'incremental', recomputed: 5 });
}

// Not on Citus, which refuses triggers on distributed tables (unless citus.enable_unsafe_triggers is on).
describe.skipIf(ENGINE === 'citus')('an incremental night\'s invariants still stop it', () => {
  it('the balance: a payment of the year no reconcile took in (the dirty-person search misses its person) unbalances the kept totals', () => {
    // E's new payment, stored as if from night 1's file: no new file, no date after night 1's as-of date, so
    // E is not recomputed and E's row does not count it; the payments of the year do.
    const columns = 'txn_id, id_number, name, region_code, coverage_year, amount_fen, paid_on, paid_time, payer_type, category, tier, channel, source_sha256, source_line';
    const copied = columns.replace('txn_id', "'E9'").replace('source_line', 'source_line + 100');
    failsNight2(`insert into payments (${columns}) select ${copied} from payments where txn_id = 'E1'`, "delete from payments where txn_id = 'E9'",
      /collected \d+ fen over result rows != \d+ fen of accepted payments for 2023 dated up to 2023-03-16/);
  });

  it('a refund of a changed person that belongs to no result row', () => {
    failsNight2(plant('recon_refunds', D,
      `update recon_refunds set region_code = '360799' where coverage_year = new.coverage_year and id_number = new.id_number and region_code = new.region_code
        and payee = new.payee and reason = new.reason;`,
      { set: "new.region_code := '360799'" }), unplant('recon_refunds'), /1 refunds match no result row/);
  });

  it('a changed person\'s row whose refund_due is not the sum of its refunds', () => {
    failsNight2(plant('recon_results', A,
      'update recon_results set refund_due = refund_due + 1 where coverage_year = new.coverage_year and region_code = new.region_code and id_number = new.id_number;',
      { set: 'new.refund_due := new.refund_due + 1' }), unplant('recon_results'), /1 rows against their refunds, 0 refund groups against their rows/);
  });

  it('a benefit suspension of a changed person without a primary row flagged EMPLOYEE_OVERLAP', () => {
    const suspension = "values (new.coverage_year, new.region_code, new.id_number, '2023-01-01', '360702', new.name, null, 'planted')";
    failsNight2(plant('recon_results', A, `insert or ignore into recon_suspensions ${suspension};`,
      { after: `insert into recon_suspensions ${suspension} on conflict do nothing` }), unplant('recon_results'),
    /1 benefit suspensions match no primary row flagged EMPLOYEE_OVERLAP with SUSPEND_BENEFITS/);
  });

  it('a changed person with two primary rows', () => {
    const columns = 'coverage_year, region_code, id_number, name, category, tier, collected_personal, collected_assistance, refund_due, status, flags, payments, is_primary, rule';
    const row = "new.coverage_year, '360799', new.id_number, new.name, new.category, new.tier, 0, 0, 0, 'OK', '', 0, 1, 'planted'";
    failsNight2(plant('recon_results', A, `insert or ignore into recon_results (${columns}) select ${row} where new.region_code <> '360799';`,
      { after: `if new.region_code <> '360799' then insert into recon_results (${columns}) values (${row}) on conflict do nothing; end if` }),
    unplant('recon_results'), /1 persons have more than one primary row/);
  });
});
