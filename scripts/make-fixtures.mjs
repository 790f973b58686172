#!/usr/bin/env node
// Writes fixtures/ (the demo inbox and the bad-input files) deterministically. Every name and ID number is
// made up: names are 某 + a placeholder, ID sequence numbers are in the 9xx range, check characters valid.
// Run: npm run build && node scripts/make-fixtures.mjs
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import iconv from 'iconv-lite';
import { checkCharacter } from '../dist/normalise/id-number.js';

const id = (region, birth, seq) => { const f = `${region}${birth}${seq}`; return f + checkCharacter(f); };
const csv = (rows, eol = '\n') => rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join(eol) + eol;

// People of the demo. Region codes: 360702 章贡区 (Ganzhou county), 360700 赣州, 360100 南昌, 500101 重庆万州,
// 410800 焦作, 350100 福州.
export const P = {
  okResident:      id('360702', '19800101', '901'), // spec 7.1
  refundDue:       id('360702', '19750315', '902'), // spec 7.2
  lateRecognised:  id('360702', '19690720', '903'), // spec 7.3
  extremePoverty:  id('360702', '19550202', '904'), // spec 7.4
  latePayer:       id('360702', '19880808', '905'), // spec 7.5
  veteran:         id('360702', '19970909', '906'), // spec 7.6
  chongqingTier2:  id('500101', '19900303', '907'), // spec 7.7
  twoRegions:      id('360702', '19920412', '908'), // spec 7.8
  paidTwice:       id('360702', '19830521', '909'), // DUPLICATE_PAYMENT, OVERPAID
  reversed:        id('360702', '19860630', '910'), // reversal then re-payment: OK, REVERSED
  reversedOnly:    id('360702', '19790101', '911'), // paid then reversed: UNPAID, REVERSED
  underpaid:       id('360702', '19660214', '912'), // UNDERPAID
  pendingAssisted: id('360702', '19500505', '913'), // minimum_living, nothing paid, before assisted_end: PENDING
  notEnrolled:     id('360100', '19450817', '914'), // Nanchang minimum_living, never paid: NOT_ENROLLED
  jiaozuoLowInc:   id('410800', '19700707', '915'), // Henan minimum_living: amount absent -> POLICY_GAP
  jiaozuoResident: id('410800', '19811111', '916'), // Henan resident, paid
  fuzhouResident:  id('350100', '19930606', '917'), // Fujian resident (window from the sample override)
  studentTwo:      id('360702', '20030909', '918'), // resident at home first, then student in Chongqing: primary = 学籍地
  newborn:         id('360702', '20221120', '919'), // newborn paying 2023-02-15 (day 87): covered from birth
  assistOver:      id('360702', '19600101', '920'), // extreme_poverty, assistance paid twice: ASSISTANCE_OVERPAID
  nameMismatch:    id('360702', '19770707', '921'), // two names across inputs: NAME_MISMATCH
  multiCategory:   id('360702', '19580808', '922'), // orphan? no: minimum_living + severe... several categories
  possibleDupA:    id('360702', '19900101', '923'), // same name and birth date as B, IDs 2 chars apart
  possibleDupB:    id('360702', '19900101', '928'), // differs from A in the sequence digit (and the check character)
  chongqingLate:   id('500101', '19870404', '926'), // Chongqing late payer: no waiting_days there -> POLICY_GAP:waiting_days
  lapseExempt:     id('360702', '19910210', '943'), // spec 7.13: pays 2023-02-10 (late), employee insurance ended 2022-12-20
  insuredEmployee: id('360702', '19520303', '944'), // 低保, nothing paid, an employee-insured retiree: INSURED_AS_EMPLOYEE
  bothSchemes:     id('360702', '19840404', '945'), // pays in the window, employee-insured since 2020: EMPLOYEE_OVERLAP, REVIEW
};
// A person whose check character is X, written with a lowercase x in the input.
let xSeq = 930;
while (!id('500101', '19851010', String(xSeq)).endsWith('X')) xSeq++;
P.lowercaseX = id('500101', '19851010', String(xSeq));

const legacy15 = '360702651231925'; // legacy 15-digit number, converted to 18 on ingest (born 1965-12-31)

rmSync('fixtures/inbox', { recursive: true, force: true });
rmSync('fixtures/bad', { recursive: true, force: true });
mkdirSync('fixtures/inbox', { recursive: true });
mkdirSync('fixtures/bad', { recursive: true });

// 1. Ganzhou tax export: GB18030, Chinese headers, columns in the tax bureau's order.
const gz = [['电子税票号码', '证件号码', '姓名', '统筹区编码', '缴费年度', '缴费金额', '缴费时间', '缴费主体', '人员类别', '缴费档次', '缴费渠道']];
const g = (txn, who, name, region, amount, at, payer = '个人', cat = '普通居民', tier = '一档', ch = '微信') =>
  gz.push([txn, who, name, region, '2023', amount, at, payer, cat, tier, ch]);
g('GZ2022090001', P.twoRegions, '周某甲', '360702', '350.00', '2022-09-10 09:12:00');
g('GZ2022090002', P.extremePoverty, '吴某乙', '360702', '350.00', '2022-09-15 10:00:00', '医疗救助');
g('GZ2022090003', P.refundDue, '郑某丙', '360702', '350.00', '2022-09-20 15:30:00');
g('GZ2022100001', P.reversed, '王某丁', '360702', '350.00', '2022-10-01 08:00:00');
g('GZ2022100002', P.lateRecognised, '冯某戊', '360702', '350.00', '2022-10-01 11:00:00');
g('GZ2022100003', P.okResident, '陈某己', '360702', '350.00', '2022-10-08 16:45:10', '个人', '城乡居民', '一档', '银行');
g('GZ2022100004', P.paidTwice, '褚某庚', '360702', '350.00', '2022-10-09 09:00:00');
g('GZ2022100005', P.paidTwice, '褚某庚', '360702', '350.00', '2022-10-20 09:30:00', '个人', '普通居民', '一档', '支付宝');
g('GZ2022100006', P.reversedOnly, '卫某辛', '360702', '350.00', '2022-10-11 14:00:00');
g('GZ2022100007', P.underpaid, '蒋某壬', '360702', '200.00', '2022-10-12 10:00:00');
g('GZ2022090004', P.studentTwo, '沈某癸', '360702', '350.00', '2022-09-12 10:00:00');
g('GZ2022100009', P.assistOver, '韩某子', '360702', '350.00', '2022-09-05 10:00:00', '资助参保');
g('GZ2022100010', P.assistOver, '韩某子', '360702', '350.00', '2022-11-05 10:00:00', '资助参保');
g('GZ2022100011', P.nameMismatch, '杨某丑', '360702', '350.00', '2022-10-18 10:00:00');
g('GZ2022100012', P.possibleDupA, '朱某寅', '360702', '350.00', '2022-10-19 10:00:00');
g('GZ2022100013', P.possibleDupB, '朱某寅', '360702', '350.00', '2022-10-19 11:00:00');
g('GZ2022100014', P.multiCategory, '秦某卯', '360702', '30.00', '2022-10-20 10:00:00');
writeFileSync('fixtures/inbox/tax-ganzhou-2022-10.csv', iconv.encode(csv(gz, '\r\n'), 'gb18030'));

// 2. Chongqing export: UTF-8 with BOM, CRLF, English headers in another order, one quoted multi-line channel.
const cq = [['txn_id', 'coverage_year', 'id_number', 'name', 'region_code', 'amount', 'paid_at', 'tier', 'channel', 'category']];
cq.push(['CQ2022110001', '2023', P.chongqingTier2, '许某辰', '500101', '350.00', '2022-11-01', '2', 'APP', '']);
cq.push(['CQ2022110003', '2023', P.lowercaseX.toLowerCase(), '何某巳', '500101', '350', '2022/11/3', '1', '柜台\n(代收点)', '']);
cq.push(['CQ2022110004', '2023', P.studentTwo, '沈某癸', '500101', '320.00', '2022-11-02', '1', 'APP', '大学生']);
cq.push(['CQ2023020101', '2023', P.chongqingLate, '邹某寅', '500101', '350.00', '2023-02-01', '1', 'APP', '']);
writeFileSync('fixtures/inbox/tax-chongqing-2022-11.csv', '\ufeff' + csv(cq, '\r\n'));

// 3. Late payments and other regions: UTF-8 without BOM, LF, English headers, an extra column.
const lt = [['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier', 'channel', 'operator_note']];
const l = (txn, who, name, region, amount, at, payer = 'personal', cat = 'resident', tier = '1') =>
  lt.push([txn, who, name, region, '2023', amount, at, payer, cat, tier, 'app', '']);
l('MX2022101201', P.twoRegions, '周某甲', '360100', '350.00', '20221012');
l('MX2022101203', P.jiaozuoResident, '吕某午', '410800', '350.00', '2022-10-15');
l('MX2022101204', P.jiaozuoLowInc, '施某未', '410800', '350.00', '2022-10-16');
l('MX2022101205', P.fuzhouResident, '张某申', '350100', '３５０.００', '2022-11-20'); // full-width digits
l('MX2022110101', P.reversed, '王某丁', '360702', '-350.00', '2022-11-01');
l('MX2022110102', P.reversed, '王某丁', '360702', '350.00', '2022-11-02');
l('MX2022110103', P.reversedOnly, '卫某辛', '360702', '-350.00', '2022-11-03');
l('MX2022110104', P.nameMismatch, '杨某丑丑', '360702', '0.00', '2022-11-04');
l('MX2023012001', P.latePayer, '孔某酉', '360702', '350.00', '2023-01-20');
l('MX2023021001', P.veteran, '曹某戌', '360702', '350.00', '2023-02-10', 'personal', 'veteran');
l('MX2023021501', P.newborn, '严某亥', '360702', '350.00', '2023-02-15', 'personal', 'newborn');
l('MX2023021502', legacy15, '华某甲', '360702', '350.00', '2022-12-01');
l('MX2023021003', P.lapseExempt, '柏某丁', '360702', '350.00', '2023-02-10');
l('MX2022101002', P.bothSchemes, '水某戊', '360702', '350.00', '2022-10-10');
writeFileSync('fixtures/inbox/tax-misc-2023-02.csv', csv(lt));

// 4. Roster snapshots (UTF-8, Chinese headers), monthly: later ones repeat earlier rows.
const rosterHeader = ['证件号码', '姓名', '统筹区编码', '资助类别', '认定日期', '退出日期', '认定部门'];
const r2211 = [
  [P.extremePoverty, '吴某乙', '360702', '特困供养人员', '2021-05-01', '', '民政'],
  [P.refundDue, '郑某丙', '360702', '低保对象', '2022-11-03', '', '民政'],
  [P.pendingAssisted, '金某乙', '360702', '城乡低保对象', '2022-06-01', '', '民政'],
  [P.notEnrolled, '魏某丙', '360100', '低保', '2021-03-01', '', '民政'],
  [P.jiaozuoLowInc, '施某未', '410800', '低保对象', '2022-01-10', '', '民政'],
  [P.assistOver, '韩某子', '360702', '特困人员', '2020-01-01', '', '民政'],
  [P.multiCategory, '秦某卯', '360702', '低保对象', '2022-03-01', '', '民政'],
  [P.multiCategory, '秦某卯', '360702', '边缘易致贫户', '2022-04-01', '2022-08-31', '乡村振兴'],
  [P.multiCategory, '秦某卯', '360702', '脱贫不稳定户', '2022-05-01', '', '乡村振兴'],
  [P.nameMismatch, '杨某丑', '360702', '丧失劳动能力的重度残疾成年人', '2020-02-02', '2022-06-30', '残联'],
];
const r2212 = [...r2211.slice(0, 6).map((r) => [...r]), [P.multiCategory, '秦某卯', '360702', '低保对象', '2022-03-01', '', '民政'],
  [P.multiCategory, '秦某卯', '360702', '脱贫不稳定户', '2022-05-01', '2022-12-15', '乡村振兴']]; // exit date added
const r2302 = [...r2212.map((r) => [...r]), [P.lateRecognised, '冯某戊', '360702', '低保对象', '2023-02-01', '', '民政'],
  [P.insuredEmployee, '窦某己', '360702', '低保对象', '2022-06-01', '', '民政']];
for (const [name, rows] of [['2022-11', r2211], ['2022-12', r2212], ['2023-02', r2302]]) {
  writeFileSync(`fixtures/inbox/roster-ganzhou-${name}.csv`, csv([rosterHeader, ...rows]));
}

// 5. Employee-insurance enrollment lists (职工医保参保名单, spec 2.5): monthly snapshots from the bureau's own
// employee-insurance system. Most of its people are not resident payers (E1, E2: no row of theirs); chosen so
// that the rules show each case: the 7.1 resident (paid 350.00 on 2022-10-08 in 360702) joins the employee
// scheme 2023-03-01..2023-06-30 (spec 7.12: SUSPEND_BENEFITS, a benefit_suspensions.csv row; its end is in the
// July snapshot, after the demo's as-of date, so it reads as still insured); a resident employee-insured since
// 2020 (7.12's other case: REVIEW); the 7.13 payer's employee insurance ended 2022-12-20, within 3 months
// before paying on 2023-02-10 (EMPLOYEE_LAPSE_EXEMPT, benefits from 2023-02-11); a roster-only 低保 person is
// a retiree insured as an employee all year (INSURED_AS_EMPLOYEE), beside the 低保 person who is not
// (PENDING). February: GB18030, Chinese headers, CRLF.
const E1 = id('360702', '19850606', '941');
const E2 = id('360702', '19920303', '942');
const eFeb = [['证件号码', '姓名', '参保地编码', '参保开始日期', '参保终止日期', '参保身份', '单位名称']];
eFeb.push([P.lapseExempt, '柏某丁', '360702', '2021-03-01', '2022-12-20', '在职职工', '赣州某某商贸有限公司']);
eFeb.push([P.insuredEmployee, '窦某己', '360702', '2013-01-01', '', '退休人员', '赣州某某机械厂']);
eFeb.push([E1, '欧阳某甲', '360702', '2018-07-01', '', '在职职工', '章贡区某某学校']);
eFeb.push([E2, '司马某乙', '360702', '2022-06-01', '', '灵活就业人员', '']);
writeFileSync('fixtures/inbox/employees-ganzhou-2023-02.csv', iconv.encode(csv(eFeb, '\r\n'), 'gb18030'));
// July: UTF-8, English headers in another order; repeats February (E2's insured_to added: a snapshot update)
// and adds the 7.12 enrollment, ended since. Its dates after an as-of date read as open (spec 4).
const eJul = [['id_number', 'name', 'insured_kind', 'region_code', 'insured_from', 'insured_to', 'employer']];
for (const [who, name, region, from, to, kind, employer] of eFeb.slice(1)) {
  eJul.push([who, name, kind, region, from, who === E2 ? '2023-04-30' : to, employer]);
}
eJul.push([P.okResident, '陈某己', 'employee', '360702', '2023-03-01', '2023-06-30', '赣州某某物流有限公司']);
eJul.push([P.bothSchemes, '水某戊', 'employee', '360702', '2020-01-01', '', '赣州某某建设集团']);
writeFileSync('fixtures/inbox/employees-ganzhou-2023-07.csv', csv(eJul));

// 6. Bad input: one file per kind with a row for every reason code, and the file-level cases.
const good = P.okResident;
const bad = [['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at', 'payer_type', 'category', 'tier']];
const b = (...cells) => bad.push(cells);
b('B01', good, '陈某己', '360702', '2023', '350.00', '2022-10-08', 'personal', 'resident', '1'); // line 2: accepted
b('B02', good, '陈某己', '360702', '2023', '350.00', '2022-10-08', 'personal', 'resident'); // 3: MALFORMED_ROW (9 fields)
b('B03', '', '陈某己', '360702', '2023', '350.00', '2022-10-08', 'personal', 'resident', '1'); // 4: MISSING_FIELD
b('B04', good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), '陈某己', '360702', '2023', '350.00', '2022-10-08', 'personal', 'resident', '1'); // 5: BAD_ID_NUMBER
b('B05', good, '陈某己', '36070', '2023', '350.00', '2022-10-08', 'personal', 'resident', '1'); // 6: BAD_REGION_CODE
b('B06', good, '陈某己', '360702', '2023', '35O.00', '2022-10-08', 'personal', 'resident', '1'); // 7: BAD_AMOUNT
b('B07', good, '陈某己', '360702', '2023', '350.00', '2022-02-30', 'personal', 'resident', '1'); // 8: BAD_DATE
b('B08', good, '陈某己', '360702', '23', '350.00', '2022-10-08', 'personal', 'resident', '1'); // 9: BAD_YEAR
b('B09', good, '陈某己', '360702', '2023', '350.00', '2022-10-08', 'personal', '公务员', '1'); // 10: BAD_CATEGORY
b('B10', good, '陈某己', '360702', '2023', '350.00', '2022-10-08', '单位', 'resident', '1'); // 11: BAD_PAYER_TYPE
b('B11', good, '陈某己', '360702', '2023', '350.00', '2022-10-08', 'personal', 'resident', '3'); // 12: BAD_TIER
b('B01', good, '陈某己', '360702', '2023', '360.00', '2022-10-08', 'personal', 'resident', '1'); // 13: CONFLICTING_TXN_ID
b('B01', good, '陈某己', '360702', '2023', '350.00', '2022-10-08', 'personal', 'resident', '1'); // 14: repeat
writeFileSync('fixtures/bad/payments-every-reason.csv', csv(bad) + 'B12,"' + good + ',陈某己,360702,2023,350.00,2022-10-08,personal,resident,1\nB13,' + good + ',陈某己,360702,2023,350.00,2022-10-08,personal,resident,1\n');
// line 15: unclosed quote (MALFORMED_ROW); line 16 still loads.
const badRoster = [['id_number', 'name', 'region_code', 'category', 'effective_from', 'effective_to']];
badRoster.push([P.refundDue, '郑某丙', '360702', 'minimum_living', '2022-11-03', '']); // 2: accepted
badRoster.push([P.refundDue, '郑某丙', '360702', '富裕户', '2022-11-03', '']); // 3: BAD_CATEGORY
badRoster.push([P.refundDue, '郑某丙', '360702', 'minimum_living', '2022-13-01', '']); // 4: BAD_DATE
badRoster.push([P.refundDue, '郑某丙', '360702', 'minimum_living', '2022-11-03', '2022-10-01']); // 5: BAD_DATE (ends before it starts)
badRoster.push([P.refundDue, '', '360702', 'minimum_living', '2022-11-03', '']); // 6: MISSING_FIELD
writeFileSync('fixtures/bad/roster-bad-rows.csv', csv(badRoster));
const badEmployees = [['id_number', 'name', 'region_code', 'insured_from', 'insured_to', 'insured_kind', 'employer']];
const be = (...cells) => badEmployees.push(cells);
be(P.refundDue, '郑某丙', '360702', '2021-01-01', '', 'employee', '某公司'); // 2: accepted
be('3.60702E+17', '郑某丙', '360702', '2021-01-01', '', 'employee', '某公司'); // 3: BAD_ID_NUMBER (a spreadsheet's E+ notation)
be(P.refundDue, '郑某丙', '36070', '2021-01-01', '', 'employee', '某公司'); // 4: BAD_REGION_CODE
be(P.refundDue, '郑某丙', '360702', '2021-02-30', '', 'employee', '某公司'); // 5: BAD_DATE (insured_from)
be(P.refundDue, '郑某丙', '360702', '2021-01-01', '2020-12-31', 'employee', '某公司'); // 6: BAD_DATE (ends before it starts)
be(P.refundDue, '郑某丙', '360702', '2021-01-01', '', '公务员', '某公司'); // 7: BAD_CATEGORY (insured_kind)
be(P.refundDue, '', '360702', '2021-01-01', '', 'employee', '某公司'); // 8: MISSING_FIELD
be(P.refundDue, '郑某丙', '360702', '2021-01-01', '', 'employee', '某公司'); // 9: repeat of line 2
be(P.refundDue, '郑某丙', '360702', '2021-01-01', ''); // 10: MALFORMED_ROW (5 fields)
writeFileSync('fixtures/bad/employees-bad-rows.csv', csv(badEmployees));
writeFileSync('fixtures/bad/empty.csv', '');
writeFileSync('fixtures/bad/header-only.csv', 'txn_id,id_number,name,region_code,coverage_year,amount,paid_at\n');
writeFileSync('fixtures/bad/unrecognised.csv', 'foo,bar\n1,2\n');
writeFileSync('fixtures/bad/utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('txn_id,amount\n', 'utf16le')]));
writeFileSync('fixtures/bad/undecodable.csv', Buffer.concat([Buffer.from('txn_id,id_number,name,region_code,coverage_year,amount,paid_at\nT1,'), Buffer.from([0x81, 0x20, 0xff, 0xff]), Buffer.from(',x,360702,2023,1,2022-10-01\n')]));
const mis = [['txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at']];
for (let i = 0; i < 10; i++) mis.push([`M${i}`, good, '陈某己', '360702', '2023', i < 3 ? '350.00' : '2022-10-08', i < 3 ? '2022-10-08' : '350.00']);
writeFileSync('fixtures/bad/mis-mapped.csv', csv(mis)); // amount and paid_at swapped on 7 of 10 rows: TOO_MANY_REJECTS
console.log('fixtures written');
