/**
 * The catalogue of the details the job writes in English (rejects.csv, duplicates.csv), each with its Chinese
 * wording for `--lang zh` (spec 5, v2: "every ... reject reason and detail"). The producers (src/ingest for
 * rejects, src/db/row-store.ts for CONFLICTING_TXN_ID, src/reconcile for duplicates) write and store the
 * English as they always have, so English outputs and stored rows are unchanged; the export in Chinese matches
 * the stored English against these templates and writes the Chinese with the same values
 * (detail-translation.ts). That works for databases filled on earlier nights too.
 * test/unit/export.detail-catalogue.test.ts drives every producer and fails on a detail no template matches.
 *
 * A template is English and Chinese text with named placeholders, `{name}` or `{name:type}`:
 * - no type: any text, written as it is (values quoted from the input are data and stay as they were);
 * - `n` a number, `date` a YYYY-MM-DD date, `pct` a percentage: written as they are;
 * - `column` / `columns`: input column names (`paid_at`, `txn_id, amount`), written as the file's Chinese header
 *   names them (the first alias, normalise/input-columns.ts, of the row's kind);
 * - `kind`: an input kind (`payments`), written in Chinese; `marker`: a kind's marking column with its kind,
 *   `txn_id (payments)`;
 * - `reasons`: reject counts per reason, `BAD_AMOUNT 3, BAD_DATE 2`, written `金额格式错误 (BAD_AMOUNT) 3，...`;
 * - `labels`: category codes, written as their Chinese labels;
 * - `@group`: one of the phrases of that group (PHRASES), itself a template.
 * The Chinese text names only placeholders its English has. Within a code, the first template that matches wins.
 */
export type DetailTemplate = { readonly en: string; readonly zh: string };

/** What SAVE_AS_TEXT (ingest/id-number-reject.ts) tells the sender, in one phrase both details use. */
const SAVE_AS_TEXT: DetailTemplate = {
  en: 'export the file again with the ID column saved as text (Excel: format the column as Text before the numbers ' +
    'go in, or open the CSV by Data → From Text/CSV with that column typed as Text; WPS: 设置单元格格式 → 文本, or ' +
    '数据 → 导入数据 with 列数据类型 文本), never as a number',
  zh: '请重新导出文件，证件号码列保存为文本，不要保存为数字（Excel：填入数字之前先把该列设置为“文本”格式，或用 数据 → 自文本/CSV ' +
    '打开文件并把该列的类型设为“文本”；WPS：设置单元格格式 → 文本，或 数据 → 导入数据 时把列数据类型设为 文本）',
};

/** A quoting problem of a record (ingest/record-framer.ts recordShape), alone or inside an unclosed-quote detail. */
const FIELD_COUNT: DetailTemplate = { en: 'expected {expected:n} fields, got {got:n}', zh: '应为 {expected} 个字段，实为 {got} 个' };
const QUOTING: DetailTemplate[] = [
  FIELD_COUNT,
  { en: 'text after a closing quote in field {field:n}', zh: '第 {field} 个字段的右引号后还有文字' },
  { en: 'quote inside unquoted field {field:n}', zh: '第 {field} 个字段没有用引号括起，却含有引号' },
];

/** The phrases a template may hold as `{name:@group}`. */
export const PHRASES: Readonly<Record<string, readonly DetailTemplate[]>> = {
  quoting: QUOTING,
  save_as_text: [SAVE_AS_TEXT],
  // normalise/spreadsheet-damage.ts: what gives the damage away, and what to take off.
  damage_sign: [
    { en: 'it starts with an apostrophe, the mark a spreadsheet puts before text', zh: '以撇号开头，这是电子表格加在文本前的标记' },
    { en: 'it is in scientific notation (E+), as a spreadsheet shows a long number', zh: '是科学计数法（E+），电子表格就是这样显示长数字的' },
    { en: 'it ends in .0, as a spreadsheet writes a number', zh: '以 .0 结尾，电子表格就是这样写数字的' },
    { en: 'its digits are grouped by commas, as a spreadsheet formats a number', zh: '数字被逗号分组，电子表格就是这样格式化数字的' },
    {
      en: 'it ends in 000 and its check character is wrong: a spreadsheet keeps only 15 significant digits and turns the rest to 0',
      zh: '以 000 结尾且校验码错误：电子表格只保留 15 位有效数字，其余变成 0',
    },
  ],
  damage_digits: [
    { en: 'the number is whole {undo:@damage_undo}, but the job does not guess at an ID number', zh: '{undo}号码是完整的，但本程序不猜测证件号码' },
    { en: 'its lost digits cannot be read back from this file', zh: '丢失的数字无法从此文件中找回' },
  ],
  damage_undo: [
    { en: 'without the apostrophe', zh: '去掉撇号后' },
    { en: 'without the .0', zh: '去掉 .0 后' },
    { en: 'without the commas', zh: '去掉逗号后' },
  ],
  // ingest/reject-cause.ts: the likely cause of a file's many rejects.
  reject_cause: [
    { en: 'the columns are probably mis-mapped (values not what their column names say)', zh: '列可能对应错了（值与列名不符）' },
    {
      en: 'the file repeats txn_ids already held with other content (a re-export with changed rows?)',
      zh: '文件中的税票号码已存在但内容不同（是否为改过行后重新导出的文件？）',
    },
    { en: "its lines do not split into the header's columns (another delimiter or broken quoting?)", zh: '各行无法按表头拆分成列（分隔符不同，或引号损坏？）' },
    {
      en: 'its ID numbers were turned into numbers by a spreadsheet (shown as 3.60702E+17, or their last digits turned to 000), ' +
        'so their digits are lost: {fix:@save_as_text}',
      zh: '证件号码被电子表格转成了数字（显示为 3.60702E+17，或末几位变成 000），数字已丢失：{fix}',
    },
  ],
  // reconcile/rules/employee-overlap.ts: the end of an employee enrollment, of an overlap, and what follows.
  insured_to: [{ en: 'open', zh: '未终止' }, { en: '{date:date}', zh: '{date}' }],
  overlap_to: [{ en: '{date:date} (still insured)', zh: '{date}（仍在参保）' }, { en: '{date:date}', zh: '{date}' }],
  overlap_outcome: [
    { en: 'already employee-insured when the resident benefits start: review', zh: '居民医保待遇开始时已参加职工医保：人工复核' },
    { en: 'resident benefits suspended from {from:date}, resumed on {on:date}', zh: '居民医保待遇自 {from} 起暂停，{on} 起恢复' },
    { en: 'resident benefits suspended from {from:date} while insured', zh: '居民医保待遇自 {from} 起暂停，职工医保参保期间不恢复' },
    { en: 'joined during the benefit period; the policy suspends nothing: review', zh: '在居民医保待遇享受期内参加职工医保；政策不暂停待遇：人工复核' },
    {
      en: 'joined during the benefit period; no suspension rule in the policy: review',
      zh: '在居民医保待遇享受期内参加职工医保；政策中没有暂停待遇的规定：人工复核',
    },
  ],
};

/** The details per reject reason code (spec 2.4) and per duplicates.csv kind (spec 5). */
export const DETAIL_TEMPLATES: Readonly<Record<string, readonly DetailTemplate[]>> = {
  // ingest/record-framer.ts
  MALFORMED_ROW: [
    ...QUOTING,
    { en: 'unclosed quote: the quoted field is never closed', zh: '引号未闭合：带引号的字段一直没有结束' },
    { en: 'unclosed quote: the record cannot end on a later line ({problem:@quoting})', zh: '引号未闭合：该记录也无法在后面的行结束（{problem}）' },
    // csv-parse's own message, should it still refuse a record recordShape passed: kept as csv-parse wrote it.
    { en: 'malformed quoting: {message}', zh: '引号格式错误：{message}' },
  ],
  OVERSIZED_ROW: [{
    en: 'the line has {length:n} characters, more than the {max:n} allowed per record: it was not read, and its raw text here is cut to the first {cut:n}',
    zh: '该行有 {length} 个字符，超过每条记录允许的 {max} 个：未读取，此处的原始内容只保留前 {cut} 个字符',
  }],
  // ingest/row-cells.ts
  MISSING_FIELD: [{ en: 'empty: {columns:columns}', zh: '为空：{columns}' }],
  // normalise/id-number.ts, ingest/id-number-reject.ts
  BAD_ID_NUMBER: [
    { en: '15-digit number must be all digits', zh: '15 位号码必须全部是数字' },
    { en: 'expected 18 characters (or legacy 15), got {length:n}', zh: '应为 18 位（或旧式 15 位），实为 {length} 位' },
    { en: 'only digits, with X allowed as the last character', zh: '只能是数字，最后一位可以是 X' },
    { en: 'unknown province code {code}', zh: '省级代码 {code} 不存在' },
    { en: 'impossible birth date {date}', zh: '出生日期 {date} 不可能' },
    { en: 'check character {found} should be {expected}', zh: '校验码 {found} 应为 {expected}' },
    {
      en: 'id_number looks damaged by a spreadsheet: {sign:@damage_sign}; {digits:@damage_digits}: {fix:@save_as_text}',
      zh: '证件号码疑似被电子表格损坏：{sign}；{digits}：{fix}',
    },
  ],
  // ingest/region-code.ts
  BAD_REGION_CODE: [
    { en: '{column:column} "{value}" is not 6 digits', zh: '{column} "{value}" 不是 6 位数字' },
    { en: '{column:column} {value} has unknown province {province}', zh: '{column} {value} 的省级代码 {province} 不存在' },
  ],
  // ingest/payment-row.ts, roster-row.ts, employee-row.ts, row-cells.ts
  BAD_YEAR: [{ en: '{column:column} "{value}" is not a year', zh: '{column} "{value}" 不是年度' }],
  BAD_AMOUNT: [{ en: '{column:column} "{value}" is not yuan with at most 2 decimals', zh: '{column} "{value}" 不是以元为单位、最多两位小数的金额' }],
  BAD_DATE: [
    { en: '{column:column} "{value}" is not a valid date', zh: '{column} "{value}" 不是有效日期' },
    { en: '{to:column} {toDate:date} is before {from:column} {fromDate:date}', zh: '{to} {toDate} 早于 {from} {fromDate}' },
  ],
  BAD_PAYER_TYPE: [{ en: '{column:column} "{value}" is unknown', zh: '{column} "{value}" 无法识别' }],
  BAD_CATEGORY: [
    { en: '{column:column} "{value}" is unknown', zh: '{column} "{value}" 无法识别' },
    { en: '{column:column} "{value}" is unknown ({codes:labels})', zh: '{column} "{value}" 无法识别（可填：{codes}）' },
    // normalise/labels.ts WIDER_THAN_A_CATEGORY
    {
      en: '"{label}" is wider than every group the documents assist (an adult who can still work is in none): use {labels} ({citation})',
      zh: '"{label}" 的范围宽于文件资助的任何人群（仍能劳动的成年人不在其中）：请使用 {labels}（{citation}）',
    },
  ],
  BAD_TIER: [{ en: '{column:column} "{value}" is not 1 or 2', zh: '{column} "{value}" 不是 1 或 2' }],
  // db/row-store.ts conflictDetail (both engines)
  CONFLICTING_TXN_ID: [{ en: 'txn_id {txn} is already held with different content; the first stays', zh: '电子税票号码 {txn} 已收到过，内容不同；保留先收到的一条' }],
  // ingest/header-map.ts recogniseHeader
  UNRECOGNISED_FILE: [
    { en: 'header has both {a:marker} and {b:marker} columns: a file is of one kind', zh: '表头同时含有 {a} 和 {b} 的列：一个文件只能是一类' },
    { en: 'header has {a:marker}, {b:marker} and {c:marker} columns: a file is of one kind', zh: '表头同时含有 {a}、{b} 和 {c} 的列：一个文件只能是一类' },
    { en: 'header has none of {a:marker}, {b:marker} or {c:marker}', zh: '表头没有 {a}、{b}、{c} 中的任何一列' },
    { en: '{kind:kind} header lacks required columns: {columns:columns}', zh: '{kind}的表头缺少必填列：{columns}' },
  ],
  // ingest/ingest-file.ts
  EMPTY_FILE: [
    { en: 'the file is empty (0 bytes)', zh: '文件为空（0 字节）' },
    { en: 'the file has no data rows', zh: '文件没有数据行' },
    { en: 'the file has no header row', zh: '文件没有表头行' },
  ],
  // ingest/read-worker.ts, text-decoder.ts, scan-file.ts, ingest-file.ts
  UNDECODABLE_FILE: [
    { en: 'the file holds bytes that are not valid GB18030', zh: '文件含有不是有效 GB18030 编码的字节' },
    { en: 'UTF-16 text; save the file as CSV (UTF-8) or GB18030', zh: 'UTF-16 编码的文本；请把文件另存为 CSV（UTF-8）或 GB18030 编码' },
    {
      en: "line {line:n} is not UTF-8 while the file's other {utf8:n} lines with Chinese text are: {other:n} line(s) in another encoding (GBK?) " +
        'inside a UTF-8 file; save the whole file in one encoding',
      zh: '第 {line} 行不是 UTF-8，而文件中其他 {utf8} 行含中文的行是：UTF-8 文件中有 {other} 行是另一种编码（GBK？）；请把整个文件保存为同一种编码',
    },
    {
      en: "line {line:n} is UTF-8 Chinese text while the file's other {other:n} lines with Chinese text are not UTF-8 (GBK/GB18030?): " +
        '{utf8:n} line(s) in another encoding; save the whole file in one encoding',
      zh: '第 {line} 行是 UTF-8 中文，而文件中其他 {other} 行含中文的行不是 UTF-8（GBK/GB18030？）：有 {utf8} 行是另一种编码；请把整个文件保存为同一种编码',
    },
    { en: 'unknown encoding', zh: '编码无法识别' },
  ],
  // ingest/inbox-entries.ts
  UNREADABLE_FILE: [
    { en: 'permission denied', zh: '没有读取权限' },
    { en: 'a dangling link', zh: '链接指向的文件不存在' },
    { en: 'a link out of the inbox', zh: '链接指向收件目录之外' },
    { en: 'not a regular file', zh: '不是普通文件' },
    // ingest/ingest-file.ts readerStopped: the reader died part-way.
    { en: 'the reader stopped before the end of the file; none of its rows were kept', zh: '读取程序在文件结束前停止；该文件的行均未保留' },
    {
      en: 'the reader ran out of memory (ERR_WORKER_OUT_OF_MEMORY) on this file; none of its rows were kept',
      zh: '读取本文件时读取程序内存不足 (ERR_WORKER_OUT_OF_MEMORY)；该文件的行均未保留',
    },
    { en: 'the reader failed ({code}) on this file; none of its rows were kept', zh: '读取本文件时读取程序出错 ({code})；该文件的行均未保留' },
  ],
  // ingest/reject-cause.ts
  TOO_MANY_REJECTS: [{
    en: '{rejected:n} of {read:n} rows rejected ({rate:pct} > {max:pct}): {cause:@reject_cause}; rejects by reason: {counts:reasons}; ' +
      'none of its rows were kept, its rejected rows are listed with their lines',
    zh: '{read} 行中拒收 {rejected} 行（{rate} > {max}）：{cause}；各原因拒收行数：{counts}；该文件的行均未保留，拒收的行连同行号列在其后',
  }],
  // duplicates.csv: reconcile/rules/primary-region.ts, collected.ts, possible-duplicates.ts, employee-overlap.ts
  DUPLICATE_ENROLLMENT: [{ en: 'primary region {primary}; refunded in {regions}', zh: '主参保地 {primary}；在 {regions} 退费' }],
  DUPLICATE_PAYMENT: [{ en: '{count:n} personal payments for one enrollment', zh: '同一次参保有 {count} 笔个人缴费' }],
  POSSIBLE_DUPLICATE: [
    { en: 'same name and birth date; ID numbers differ in {count:n} character', zh: '姓名和出生日期相同；证件号码有 {count} 位不同' },
    { en: 'same name and birth date; ID numbers differ in {count:n} characters', zh: '姓名和出生日期相同；证件号码有 {count} 位不同' },
  ],
  RESIDENT_AND_EMPLOYEE: [{
    en: 'resident {region} from {from:date}; employee {employeeRegion} {insuredFrom:date} .. {insuredTo:@insured_to}; ' +
      'overlap {overlapFrom:date} .. {overlapTo:@overlap_to}; {outcome:@overlap_outcome}',
    zh: '居民医保 {region} 自 {from} 起；职工医保 {employeeRegion} {insuredFrom} 至 {insuredTo}；重叠 {overlapFrom} 至 {overlapTo}；{outcome}',
  }],
};
