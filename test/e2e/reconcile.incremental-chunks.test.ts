import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, recon } from '../helpers/cli.js';
import { csvBytes } from '../helpers/csv.js';
import { testDb } from '../helpers/engine.js';
import { idNumber, join, tmp, writeCsv } from '../helpers/files.js';
import { logEvents } from '../helpers/run.js';

/**
 * Issue 21: an incremental night hands its persons to the reconcile worker 500 at a time, read from
 * recon_changed_persons (reconcile-year.ts, ListedPersons), so that its memory does not grow with them. A
 * generated year of 8,000 persons, then a night whose new payments touch more than 1,000 of them (three
 * chunks and more, under the limit past which a night is full: a quarter of the persons): its outputs must
 * be a `--full` night's byte for byte, changes.csv included (both databases have the same history). One
 * person of the last chunk loses a row: recognised in one county with nothing paid (a row there), they pay
 * tonight in another, where their row now is; on SQLite, which writes the rows over the stored ones in
 * place, the stored row not written again is deleted with its chunk.
 */
const OUTPUTS = ['reconciliation.csv', 'refunds.csv', 'duplicates.csv', 'rejects.csv', 'region_summary.csv', 'benefit_suspensions.csv', 'changes.csv'];
const PERSONS_TOUCHED = 1200;
/** After every generated ID number (theirs begin 36): in the last chunk. */
const MOVER = idNumber('440301', '19800101', '991');

/** New payments (new txn ids, paid on `date`) copied from the generated year's UTF-8 tax files: one row in every 3. */
function nightFile(dataInbox: string, inbox: string, date: string): void {
  let header: string | null = null;
  const out: string[] = [];
  const persons = new Set<string>();
  let seen = 0;
  for (const f of readdirSync(dataInbox).filter((x) => x.startsWith('tax-')).sort()) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(dataInbox, f)));
    } catch {
      continue; // the generator writes some files in GBK, as the tax bureau's counties do
    }
    const lines = text.split(/\r?\n/);
    header ??= lines[0]!.replace(/^\ufeff/, '');
    const columns = header.split(',');
    const [txn, id, paidAt] = ['txn_id', 'id_number', 'paid_at'].map((c) => columns.indexOf(c));
    for (const line of lines.slice(1)) {
      if (!line || seen++ % 3 !== 0 || persons.size >= PERSONS_TOUCHED) continue;
      const cells = line.split(',');
      if (cells.length !== columns.length) continue;
      cells[txn!] = `NIGHT${String(out.length).padStart(9, '0')}`;
      cells[paidAt!] = `${date} 10:00:00`;
      persons.add(cells[id!]!);
      out.push(cells.join(','));
    }
  }
  expect(persons.size).toBe(PERSONS_TOUCHED);
  writeFileSync(join(inbox, `tax-night-${date}.csv`), `${[header, ...out].join('\n')}\n`);
}

describe('an incremental night of many persons', () => {
  it('hands the worker its persons in chunks and gives the full night\'s outputs, byte for byte', { timeout: 180_000 }, () => {
    const root = tmp('recon-chunks-');
    const data = join(root, 'data');
    const gen = spawnSync(process.execPath, [join(ROOT, 'scripts/gen.mjs'), '--persons', '8000', '--out', data, '--seed', '7'], { encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    const inbox = join(root, 'inbox');
    mkdirSync(inbox);
    for (const f of readdirSync(join(data, 'inbox'))) linkSync(join(data, 'inbox', f), join(inbox, f));
    const dbs = { inc: testDb(join(root, 'inc')), full: testDb(join(root, 'full')) };
    const run = (which: 'inc' | 'full', asOf: string, extra: string[] = []) => {
      const out = join(root, `out-${which}`);
      const r = recon(['run', '--inbox', inbox, '--out', out, '--db', dbs[which], '--as-of', asOf, '--log', 'json', '--settle', '0', ...extra]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      return { out, done: logEvents(r.stdout).find((e) => e.event === 'reconcile_done')! };
    };
    writeCsv(join(inbox, 'roster-mover.csv'), [['id_number', 'name', 'region_code', 'category', 'effective_from', 'effective_to', 'source_dept'],
      [MOVER, '某甲', '360702', '低保对象', '2022-01-01', '', '民政']]);
    const first = run('inc', '2023-03-15');
    run('full', '2023-03-15');
    const moverRegions = (out: string) => {
      const [header, ...lines] = readFileSync(join(out, 'reconciliation.csv'), 'utf8').split('\n');
      const at = header!.split(',').indexOf('region_code');
      return lines.filter((l) => l.includes(MOVER)).map((l) => l.split(',')[at]);
    };
    expect(moverRegions(first.out)).toEqual(['360702']);
    nightFile(join(data, 'inbox'), inbox, '2023-03-16');
    writeCsv(join(inbox, 'tax-mover.csv'), [['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier'],
      ['MOVER1', MOVER, '某甲', '360703', '2023', '350.00', '2023-03-16 09:00:00', '个人', '普通居民', '1']]);
    const inc = run('inc', '2023-03-16');
    const full = run('full', '2023-03-16', ['--full']);
    expect(inc.done.mode).toBe('incremental');
    expect(full.done.mode).toBe('full');
    expect(inc.done.recomputed as number).toBeGreaterThan(PERSONS_TOUCHED - 1); // their block members too
    expect(inc.done.persons).toBe(full.done.persons);
    const [a, b] = [csvBytes(inc.out, OUTPUTS), csvBytes(full.out, OUTPUTS)];
    expect(moverRegions(full.out)).not.toContain('360702'); // the row of the first night is gone…
    for (const f of OUTPUTS) expect(a[f]!.equals(b[f]!), f).toBe(true); // …on the incremental night too
    expect(a['changes.csv']!.toString('utf8').split('\n').length).toBeGreaterThan(PERSONS_TOUCHED); // the night changed what it should
  });
});
