import type { Lang } from './labels.js';

/**
 * report.html's words in English and Chinese (`--lang zh`). The definitions below are the report's own
 * contract, said in the report where the numbers are (and in docs/operations.md).
 */
const EN = {
  title: 'Collection progress', year: (y: number) => `coverage year ${y}`,
  meta: (asOf: string, at: string, gen: string) => `As of ${asOf} (reconciled ${at}); report written ${gen}.`,
  overview: 'Overview', persons: 'Persons (result rows)', expected: 'Expected personal (yuan)', collected: 'Collected personal, counted in the rate (yuan)',
  rate: 'Collection rate', arrears: 'Arrears (yuan)', region: 'Region', code: 'Code', total: 'Total',
  rateTitle: 'Collection rate per region', arrearsTitle: 'Arrears per region',
  rateDef: 'Collection rate = collected personal contributions ÷ expected personal contributions, over the rows whose expected amount is known '
    + '(POLICY_GAP rows are left out, and so are DUPLICATE_ENROLLMENT rows, whose money is refunded). Highest first; a region where nothing is expected has no rate and is listed last. '
    + 'Arrears = expected − collected personal over UNDERPAID and UNPAID rows.',
  noRate: 'no rate (nothing expected)', noArrears: 'No region has arrears.',
  noTargets: 'No enrollment targets were given (--targets FILE): the collection rate is over the persons in the input files '
    + '(payments and assistance rosters), not over the population that should be insured. Persons who neither paid nor appear on a roster are not counted anywhere in this report.',
  targetsTitle: 'Enrolled persons against the enrollment targets (参保任务数)',
  targetsDef: 'Enrolled = persons whose primary row has a net collection (personal + assistance) above 0. Target = the --targets file.',
  target: 'Target (persons)', enrolled: 'Enrolled', progress: 'Progress', noTarget: 'no target', notInFiles: 'no one in the files',
  assistedTitle: 'Enrollment of assisted persons (资助参保) per region',
  assistedWhy: '赣医保发〔2022〕14号 十三(三): the province follows the enrollment progress of assisted persons in each city ("定期调度各设区市资助参保对象的参保进展情况").',
  entitled: 'Entitled', assistedEnrolled: 'Enrolled', gaps: 'Not enrolled (应保尽保 gaps)', pending: 'Pending', employee: 'Insured as employees',
  assistedDefs: [
    ['Entitled', "a person's primary row whose entitled assistance S is above 0 or unknown: S > 0; or S unknown because of a gap in the assistance itself (its amount, a status that ended before enrollment, a late recognition); or a row with no payment at all (it exists only for an entitled roster person); or INSURED_AS_EMPLOYEE."],
    ['Enrolled', 'entitled, with a net collection (personal + assistance) above 0.'],
    ['Not enrolled (应保尽保 gaps)', 'status NOT_ENROLLED: an entitled roster person with no payment at all, past the deadline; action ENROLL.'],
    ['Pending', 'entitled, status PENDING: not (fully) paid, the deadline not yet passed.'],
    ['Insured as employees', 'status INSURED_AS_EMPLOYEE: an entitled roster person not enrolled as a resident but insured in the employee scheme for the whole benefit period (not a gap).'],
  ] as [string, string][],
  statusTitle: 'Persons per status', refundsTitle: 'Refunds per reason and payee', payee: 'Payee', reason: 'Reason', count: 'Count', amount: 'Amount (yuan)',
  noRefunds: 'No refunds.', rejectsTitle: 'Rejected input lines per file and reason', file: 'File', lines: 'Lines', noRejects: 'No input line was rejected.',
  trendTitle: 'Collection rate over this year’s reconciles',
  trendDef: 'One point per successful reconcile of this coverage year in this database (every recon run and recon reconcile that committed), '
    + 'oldest first, tonight’s last; a reconcile made before the tool kept this history is not shown. All regions together; the table gives each region.',
  noTrend: 'No earlier reconcile of this year is recorded yet: the trend starts with tonight.', point: 'As of',
  policiesTitle: 'Policy values used, with their citations',
  policiesDef: 'The policy set stored with this reconcile: for the regions in the results, their chain’s effective values as recon policies prints them, where each comes from, and its citation; "absent" where the chain has none. Regions sharing one chain share one list.',
  noPolicies: 'This reconcile predates stored policy sets: reconcile again to show them.', sources: 'Policy files',
  origins: { shipped: 'shipped', override: 'override' } as Record<'shipped' | 'override', string>,
};

type Text = typeof EN;

const ZH: Text = {
  title: '征缴进度', year: (y) => `${y}年度`,
  meta: (asOf, at, gen) => `截至 ${asOf}（对账时间 ${at}）；报告生成于 ${gen}。`,
  overview: '总览', persons: '人数（对账结果行）', expected: '应缴个人（元）', collected: '实缴个人（计入到位率，元）',
  rate: '个人缴费到位率', arrears: '欠缴（元）', region: '统筹区', code: '编码', total: '合计',
  rateTitle: '各统筹区个人缴费到位率', arrearsTitle: '各统筹区欠缴金额',
  rateDef: '到位率 = 实缴个人 ÷ 应缴个人，只计应缴金额已知的行（不含政策缺失行，也不含重复参保行：其缴费全额退还）。按到位率从高到低排列；应缴为 0 的统筹区无到位率，列在最后。'
    + '欠缴 = 少缴、未缴费行的应缴个人 − 实缴个人之和。',
  noRate: '无到位率（无应缴）', noArrears: '各统筹区均无欠缴。',
  noTargets: '未提供参保任务数（--targets 文件）：到位率只按输入文件（缴费明细与资助参保名单）中的人员计算，不是按应参保的全部人口计算。既未缴费也不在名单中的人员，本报告均未计入。',
  targetsTitle: '参保人数与参保任务数',
  targetsDef: '参保人数 = 主参保行净缴费（个人 + 资助）大于 0 的人数。任务数来自 --targets 文件。',
  target: '参保任务数（人）', enrolled: '已参保', progress: '完成率', noTarget: '无任务数', notInFiles: '文件中无人员',
  assistedTitle: '各统筹区资助参保对象参保进展',
  assistedWhy: '赣医保发〔2022〕14号 十三(三)：“定期调度各设区市资助参保对象的参保进展情况”。',
  entitled: '应资助', assistedEnrolled: '已参保', gaps: '应保未保', pending: '征缴期内未足额', employee: '已参加职工医保',
  assistedDefs: [
    ['应资助', '主参保行的应享资助 S 大于 0 或未知：S > 0；或因资助本身的政策缺失（资助金额、参保前已终止的身份、征缴期后认定）而未知；或没有任何缴费的行（只为应资助的名单人员而设）；或已参加职工医保的行。'],
    ['已参保', '应资助且净缴费（个人 + 资助）大于 0。'],
    ['应保未保', '对账结果为应保未保（NOT_ENROLLED）：应资助的名单人员在缴费期限后仍无任何缴费；待办为动员参保（ENROLL）。'],
    ['征缴期内未足额', '应资助且对账结果为征缴期内未足额（PENDING）：未缴或未缴足，缴费期限未过。'],
    ['已参加职工医保', '对账结果为已参加职工医保（INSURED_AS_EMPLOYEE）：应资助的名单人员未参加居民医保，但整个待遇享受期均参加职工医保（不算应保未保）。'],
  ],
  statusTitle: '各对账结果人数', refundsTitle: '按原因和退款对象的退费', payee: '退款对象', reason: '原因', count: '笔数', amount: '金额（元）',
  noRefunds: '无退费。', rejectsTitle: '按文件和原因的拒收行', file: '文件', lines: '行数', noRejects: '没有被拒收的输入行。',
  trendTitle: '本年度历次对账的到位率',
  trendDef: '本数据库中本缴费年度每次成功对账（每次完成的 recon run 与 recon reconcile）一个点，从早到晚，最后一个为本次；本工具开始保存历史之前的对账不显示。图为全部统筹区合计，表为各统筹区。',
  noTrend: '本年度尚无更早的对账记录：趋势从本次开始。', point: '截至',
  policiesTitle: '所用政策参数及依据',
  policiesDef: '本次对账保存的政策参数：对账结果中各统筹区的政策链（县 → 市 → 省 → 全国）的有效参数、设定它的地区（←）及其政策依据（政策文件原文）；“未规定”表示政策链中没有该参数；政策链相同的统筹区合并列出。',
  noPolicies: '本次对账早于保存政策参数的版本：重新对账后显示。', sources: '政策文件',
  origins: { shipped: '内置', override: '本地覆盖文件' },
};

export function reportText(lang: Lang): Text {
  return lang === 'zh' ? ZH : EN;
}
