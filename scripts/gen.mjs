#!/usr/bin/env node
// Generates a realistic night of input files for a city the size you ask for, for the benchmark and load
// tests: `npm run gen -- --persons 1000000 --out bench-data/1m [--seed 1]`.
//
// Deterministic (the same arguments give the same bytes) and streaming (one pass over the persons, every
// file written through a 1 MiB buffer), so 10 million persons need no more memory than 10 thousand.
// Everyone is made up: names are drawn from common surnames and given-name characters, ID numbers are valid
// (GB 11643 check character) and unique by construction (county × birth date × sequence).
//
// The mix, for coverage year 2023 in Ganzhou (赣州, 17 counties) under the shipped policy files:
// - about 8% assisted (roster), across the six categories Jiangxi prices, 10% of them with two categories;
//   four monthly roster snapshots (Sep-Dec 2022), each repeating the rows of the previous ones; 1% of the
//   assisted are recognised in November, after some of them had already paid (refund due);
// - assisted persons pay their personal part (30.00 for the 320.00 categories) and the assistance fund
//   pays the rest; extreme poverty and orphans are paid in full by the fund;
// - 5% of the assisted never pay their personal part; 0.5% of the others underpay (200.00);
// - 1% pay twice, 0.5% pay in two regions (half of them as students in Chongqing), 0.5% have a payment
//   reversed and paid again, 2% pay late (January-February 2023), 3% never pay, 0.5% are veterans, babies
//   born in 2022 pay as newborns; a few rows per file are malformed (bad amounts) and must be rejected;
// - payments come as one file per month from the tax bureau; September's is GB18030 with Chinese headers
//   (as the Ganzhou export), the others UTF-8 with English headers;
// - the employee-insurance enrollment list (职工医保参保名单, spec 2.5): two monthly snapshots (March 2023,
//   GB18030 with Chinese headers; June 2023, UTF-8 with English headers, the same column order), the later
//   repeating the earlier and adding the insured_to of enrollments ended since. About 3% of the persons above
//   are in it: employed for years (about 40%), joining during 2023 (25%, a third of them leaving again by
//   June), lapsed during 2022 (25%), flexible work for a few months of 2023 (10%); those born before 1963 are
//   retirees. Most of the list are employees who never appear as resident payers: 10% of the persons again,
//   with ID numbers of their own. Drawn from a random stream of its own, so the payments and rosters are the
//   same bytes as before the list existed.
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { checkCharacter } from '../dist/normalise/id-number.js';
import { seededRandom } from './seeded-random.mjs';

const { values } = parseArgs({ options: { persons: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } });
if (!values.persons || !values.out) {
  process.stderr.write('usage: npm run gen -- --persons N --out DIR [--seed S]\n');
  process.exit(2);
}
const PERSONS = Number(values.persons);
const OUT = values.out;
const SEED = Number(values.seed ?? 1);

const random = seededRandom(SEED);
const pick = (list) => list[Math.floor(random() * list.length)];

const COUNTIES = ['360702', '360703', '360704', '360722', '360723', '360724', '360725', '360726', '360728', '360729',
  '360730', '360731', '360732', '360733', '360734', '360735', '360781'];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红梅建文辉鑫宇浩然思雨欣怡梓涵子轩佳琪俊峰志国海燕春晓东林斌丹婷雪琳慧颖凤秋菊荣昌福德贵生发金银宝珍丽华新民永胜利'];
const ROSTER_LABELS = [ // Jiangxi prices these six (360000-2023.json); label as the civil-affairs rosters write them
  ['特困人员', 3], ['孤儿', 1], ['低保对象', 40], ['返贫致贫人口', 6], ['脱贫不稳定户', 25], ['边缘易致贫户', 25],
];
const FULL = new Set(['特困人员', '孤儿']);
const rosterTotal = ROSTER_LABELS.reduce((n, [, w]) => n + w, 0);
function rosterLabel() {
  let r = random() * rosterTotal;
  for (const [label, w] of ROSTER_LABELS) if ((r -= w) < 0) return label;
  return ROSTER_LABELS[0][0];
}

// Birth dates 1923-01-01 .. 2022-12-31 as day numbers; civil-date arithmetic without Date/timezones.
const DAY0 = Date.UTC(1923, 0, 1) / 86400000;
const DAYS = Date.UTC(2023, 0, 1) / 86400000 - DAY0;
const isoDay = (dayNumber) => new Date(dayNumber * 86400000).toISOString().slice(0, 10);
const dayOf = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;

/** Person i ↔ (county, birth day, sequence): a bijection, so every ID number is unique. */
function idNumber(i) {
  const county = COUNTIES[i % COUNTIES.length];
  const j = Math.floor(i / COUNTIES.length);
  const birth = isoDay(DAY0 + (j % DAYS));
  const seq = String(Math.floor(j / DAYS) % 1000).padStart(3, '0');
  const first17 = county + birth.replaceAll('-', '') + seq;
  return { id: first17 + checkCharacter(first17), county, birth };
}

/** A buffered file writer (1 MiB), optionally re-encoding to GB18030. */
function writer(path, encoding = 'utf8') {
  const fd = openSync(path, 'w');
  let buffer = '';
  let rows = 0;
  const flush = () => {
    if (buffer === '') return;
    writeSync(fd, encoding === 'gb18030' ? iconv.encode(buffer, 'gb18030') : Buffer.from(buffer, 'utf8'));
    buffer = '';
  };
  return {
    line(cells) { buffer += cells.join(',') + '\n'; rows++; if (buffer.length > 1 << 20) flush(); },
    get rows() { return rows; },
    close() { flush(); closeSync(fd); },
  };
}

rmSync(OUT, { recursive: true, force: true });
const inbox = join(OUT, 'inbox');
mkdirSync(inbox, { recursive: true });

// The same column order in every payments file (so the sqlite3 peer can .import them all into one table).
const PAY_EN = ['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier', 'channel'];
const PAY_ZH = ['电子税票号码', '证件号码', '姓名', '统筹区编码', '缴费年度', '缴费金额', '缴费时间', '缴费主体', '人员类别', '缴费档次', '缴费渠道'];
const MONTHS = ['2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02'];
const payFiles = new Map(MONTHS.map((m) => {
  const gb = m === '2022-09';
  const w = writer(join(inbox, `tax-ganzhou-${m}.csv`), gb ? 'gb18030' : 'utf8');
  w.line(gb ? PAY_ZH : PAY_EN);
  return [m, w];
}));
const SNAPSHOTS = ['2022-09-30', '2022-10-31', '2022-11-30', '2022-12-31'];
const rosterFiles = SNAPSHOTS.map((d) => {
  const w = writer(join(inbox, `roster-ganzhou-${d.slice(0, 7)}.csv`));
  w.line(['证件号码', '姓名', '统筹区编码', '资助类别', '认定日期', '退出日期', '认定部门']);
  return w;
});
const EMPLOYEE_EN = ['id_number', 'name', 'region_code', 'insured_from', 'insured_to', 'insured_kind', 'employer'];
const EMPLOYEE_ZH = ['证件号码', '姓名', '参保地编码', '参保开始日期', '参保终止日期', '参保身份', '单位名称'];
const EMPLOYEE_SNAPSHOTS = ['2023-03-31', '2023-06-30'];
const employeeFiles = EMPLOYEE_SNAPSHOTS.map((d, k) => {
  const w = writer(join(inbox, `employees-ganzhou-${d.slice(0, 7)}.csv`), k === 0 ? 'gb18030' : 'utf8');
  w.line(k === 0 ? EMPLOYEE_ZH : EMPLOYEE_EN);
  return w;
});
const employRandom = seededRandom(SEED * 7919 + 17);
const EMPLOYERS = ['赣州某某电子有限公司', '章贡区某某学校', '赣州某某稀土集团', '某某建设工程有限公司', '赣州某某医院', '某某物流有限公司'];
const KIND_ZH = { employee: '在职职工', retiree: '退休人员', flexible: '灵活就业人员' };
const dayBetween = (from, to) => isoDay(dayOf(from) + Math.floor(employRandom() * (dayOf(to) - dayOf(from) + 1)));
/** One enrollment in each snapshot taken after it began; its end shows only once the snapshot is after it. */
function enrollment(who, name, region, birth, from, to, flexible = false) {
  const kind = birth < '1963-01-01' ? 'retiree' : flexible ? 'flexible' : 'employee';
  const employer = kind === 'flexible' ? '' : EMPLOYERS[Math.floor(employRandom() * EMPLOYERS.length)];
  EMPLOYEE_SNAPSHOTS.forEach((snap, k) => {
    if (from > snap) return;
    employeeFiles[k].line([who, name, region, from, to && to <= snap ? to : '', k === 0 ? KIND_ZH[kind] : kind, employer]);
  });
}
/** Whether person `i` (a resident or assisted person above) is also in the employee list, and in which shape. */
function maybeEmployee(who, name, region, birth) {
  if (employRandom() >= 0.03) return;
  const shape = employRandom();
  if (shape < 0.4) enrollment(who, name, region, birth, dayBetween('2008-01-01', '2021-12-31'), null);
  else if (shape < 0.65) {
    const from = dayBetween('2023-01-02', '2023-06-15');
    enrollment(who, name, region, birth, from, employRandom() < 0.33 ? dayBetween(from, '2023-06-30') : null);
  } else if (shape < 0.9) enrollment(who, name, region, birth, dayBetween('2015-01-01', '2021-12-31'), dayBetween('2022-01-01', '2022-12-31'));
  else {
    const from = dayBetween('2023-02-01', '2023-05-31');
    enrollment(who, name, region, birth, from, isoDay(dayOf(from) + 60 + Math.floor(employRandom() * 60)), true);
  }
}
const CHANNELS = ['wechat', 'alipay', 'bank', 'counter', 'app'];
let txn = 0;
let rejectsPlanted = 0;
function payment(date, who, name, region, amount, payer = 'personal', category = 'resident') {
  const month = date.slice(0, 7);
  const file = payFiles.get(month) ?? payFiles.get('2023-02');
  txn++;
  // One row in 100,000 carries an unreadable amount: it must come out in rejects.csv with its line.
  const bad = txn % 100_000 === 77;
  if (bad) rejectsPlanted++;
  const time = `${String(8 + Math.floor(random() * 12)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00`;
  file.line([`GZ${String(txn).padStart(11, '0')}`, who, name, region, '2023', bad ? '35O.00' : amount, `${date} ${time}`, payer, category, '1', pick(CHANNELS)]);
}
const dayInWindow = () => isoDay(dayOf('2022-09-01') + Math.floor(random() * 122)); // Sep 1 .. Dec 31
const lateDay = () => isoDay(dayOf('2023-01-01') + Math.floor(random() * 59)); // Jan 1 .. Feb 28

for (let i = 0; i < PERSONS; i++) {
  const { id, county, birth } = idNumber(i);
  const name = pick(SURNAMES) + pick(GIVEN) + (random() < 0.7 ? pick(GIVEN) : '');
  const newborn = birth >= '2022-06-01';
  if (!newborn) maybeEmployee(id, name, county, birth);
  const r = random();

  if (r < 0.08 && !newborn) {
    // Assisted: one or two categories, recognised long ago, or (1 in 100) in November 2022.
    const lateRecognised = random() < 0.01;
    // Recognitions go on all year, so each monthly snapshot adds rows to the previous one.
    const from = lateRecognised ? isoDay(dayOf('2022-11-01') + Math.floor(random() * 29)) : isoDay(dayOf('2018-01-01') + Math.floor(random() * 1825));
    const labels = [rosterLabel()];
    if (random() < 0.1) labels.push(rosterLabel());
    for (const label of new Set(labels)) {
      SNAPSHOTS.forEach((snap, k) => { if (from <= snap) rosterFiles[k].line([id, name, county, label, from, '', '民政']); });
    }
    const full = labels.some((l) => FULL.has(l));
    const payDay = lateRecognised ? isoDay(dayOf('2022-09-01') + Math.floor(random() * 60)) : dayInWindow();
    if (lateRecognised) payment(payDay, id, name, county, '350.00'); // paid in full before recognition: refund due
    else if (!full && random() < 0.95) payment(payDay, id, name, county, '30.00'); // 5% never pay their part
    payment(dayInWindow(), id, name, county, full ? '350.00' : '320.00', 'assistance');
    continue;
  }

  const category = newborn ? 'newborn' : random() < 0.005 ? 'veteran' : 'resident';
  const s = random();
  if (s < 0.03 && !newborn) continue; // never pays
  const day = newborn ? isoDay(Math.max(dayOf(birth), dayOf('2022-09-01')) + Math.floor(random() * 120)) : s < 0.05 ? lateDay() : dayInWindow();
  payment(day, id, name, county, s >= 0.07 && s < 0.075 ? '200.00' : '350.00', 'personal', category); // 0.5% underpay
  if (s >= 0.05 && s < 0.06) payment(dayInWindow(), id, name, county, '350.00', 'personal', category); // pays twice
  else if (s >= 0.06 && s < 0.065) { // pays in two regions: half in Nanchang, half as students in Chongqing
    if (random() < 0.5) payment(dayInWindow(), id, name, '360102', '350.00');
    else payment(isoDay(dayOf('2022-10-25') + Math.floor(random() * 60)), id, name, '500101', '320.00', 'personal', 'student');
  } else if (s >= 0.065 && s < 0.07) { // reversed and paid again
    payment(isoDay(dayOf(day) + 1), id, name, county, '-350.00');
    payment(isoDay(dayOf(day) + 2), id, name, county, '350.00');
  }
}

// Employees who are not resident payers: persons of their own, after the others' ID numbers.
for (let i = PERSONS; i < PERSONS + Math.floor(PERSONS / 10); i++) {
  const { id, county, birth } = idNumber(i);
  if (birth > '2005-01-01') continue; // of working age or retired
  const name = SURNAMES[Math.floor(employRandom() * SURNAMES.length)] + GIVEN[Math.floor(employRandom() * GIVEN.length)] + GIVEN[Math.floor(employRandom() * GIVEN.length)];
  const from = dayBetween('2005-01-01', '2023-06-30');
  enrollment(id, name, county, birth, from, employRandom() < 0.1 ? dayBetween(from, '2023-06-30') : null, employRandom() < 0.1);
}

const files = [...payFiles.values(), ...rosterFiles, ...employeeFiles];
for (const f of files) f.close();
const paymentRows = [...payFiles.values()].reduce((n, f) => n + f.rows - 1, 0);
const rosterRows = rosterFiles.reduce((n, f) => n + f.rows - 1, 0);
const employeeRows = employeeFiles.reduce((n, f) => n + f.rows - 1, 0);
// generator 3: the employee list (the payments and rosters are as generator 2 made them).
const meta = { persons: PERSONS, seed: SEED, payment_rows: paymentRows, roster_rows: rosterRows, employee_rows: employeeRows, planted_rejects: rejectsPlanted, generator: 3 };
writeFileSync(join(OUT, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
process.stdout.write(`${JSON.stringify(meta)}\n`);
