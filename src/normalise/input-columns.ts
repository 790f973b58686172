/**
 * The columns of each input kind (spec 2.1, 2.2, 2.5) and the header cells that name them: what
 * ingest/header-map.ts recognises a file by, and what a reject's detail calls a column in `--lang zh`
 * (the first alias: export/reject-cells.ts via normalise/detail-translation.ts). Here, below both, so that
 * the export may name a column as the file's Chinese header would without importing ingest.
 */

/**
 * The header cells each canonical column of a payments file is recognised by (beside its own name). These
 * are input columns, not table columns: `amount` and `paid_at` become amount_fen, paid_on and paid_time
 * (the tables' columns are the row shapes in src/db/staging-shapes.ts).
 */
export const PAYMENT_HEADER_ALIASES = {
  txn_id: ['电子税票号码', '税票号码', '缴费流水号'],
  id_number: ['证件号码', '身份证号码', '公民身份号码'],
  name: ['姓名'],
  region_code: ['统筹区编码', '行政区划代码', '参保地编码'],
  coverage_year: ['缴费年度', '参保年度'],
  amount: ['缴费金额', '实缴金额'],
  paid_at: ['缴费时间', '缴费日期', '入库日期'],
  payer_type: ['缴费主体', '资金来源'],
  category: ['人员类别'],
  tier: ['缴费档次'],
  channel: ['缴费渠道'],
} as const;
export type PaymentColumn = keyof typeof PAYMENT_HEADER_ALIASES;
export const REQUIRED_PAYMENT_COLUMNS: PaymentColumn[] = [
  'txn_id', 'id_number', 'name', 'region_code', 'coverage_year', 'amount', 'paid_at',
];

/** The header cells each canonical column of a roster file is recognised by (beside its own name). */
export const ROSTER_HEADER_ALIASES = {
  id_number: ['证件号码', '身份证号码'],
  name: ['姓名'],
  region_code: ['统筹区编码', '行政区划代码'],
  category: ['资助类别', '困难类别', '人员类别'],
  effective_from: ['认定日期', '生效日期'],
  effective_to: ['退出日期', '终止日期'],
  source_dept: ['认定部门'],
} as const;
export type RosterColumn = keyof typeof ROSTER_HEADER_ALIASES;
export const REQUIRED_ROSTER_COLUMNS: RosterColumn[] = ['id_number', 'name', 'region_code', 'category', 'effective_from'];

/**
 * The header cells each canonical column of an employee-insurance enrollment list (职工医保参保名单, spec 2.5,
 * v2) is recognised by (beside its own name).
 */
export const EMPLOYEE_HEADER_ALIASES = {
  id_number: ['证件号码', '身份证号码', '公民身份号码'],
  name: ['姓名'],
  region_code: ['参保地编码', '统筹区编码', '行政区划代码'],
  insured_from: ['参保开始日期', '参保日期', '开始日期'],
  insured_to: ['参保终止日期', '停保日期', '终止日期'],
  insured_kind: ['参保身份', '职工类别'],
  employer: ['单位名称'],
} as const;
export type EmployeeColumn = keyof typeof EMPLOYEE_HEADER_ALIASES;
export const REQUIRED_EMPLOYEE_COLUMNS: EmployeeColumn[] = ['id_number', 'name', 'region_code', 'insured_from'];
