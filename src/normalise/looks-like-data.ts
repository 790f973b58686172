/**
 * Whether a header cell that maps to no column looks like a value rather than a column name: the manifest
 * lists extra columns by name (spec 2), and must not carry personal data when a header line holds data (a
 * header glued to a data row, or a header whose extra cells are values). A cell that looks like data is
 * listed as a placeholder instead (header-map.ts). The rule leans towards hiding: a column name it hides
 * costs the auditor a name; an ID number or a name it lets through is a leak.
 *
 * It looks like data when it holds
 * - a run of 6 or more digits (ID numbers, phone numbers, account and ticket numbers, compact dates);
 * - a date: 4 digits, then `-`, `/`, `.` or `年` and 1-2 digits (2023-01-05, 2023/1/5, 2023年1月);
 * - nothing but a number or amount: digits with an optional sign, currency sign, thousands commas, decimals;
 * - a person's name: 2 to 4 Chinese characters starting with a common surname (or a compound surname),
 *   unless it ends with a character that ends column names (金额, 时间, 高校类别...: 额, 间, 别...).
 */
export function looksLikeData(cell: string): boolean {
  return /\d{6}/.test(cell) || DATE.test(cell) || NUMBER.test(cell) || looksLikeName(cell);
}

const DATE = /\d{4}\s*[-/.年]\s*\d{1,2}/;
const NUMBER = /^[-+]?[¥￥$]?[\d,]*\.?\d+(元)?$/;

/** The most common Chinese surnames (about 85% of the population), and compound ones. */
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'.split(''),
);
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '夏侯', '长孙', '宇文', '司徒', '端木'];
/** Last characters of column names (编码, 日期, 金额, 类别, 号码, 名称, 部门, 备注...), rare at the end of a name. */
const COLUMN_ENDINGS = new Set('码号期间额别型类称门注址话位构式态因况识数率度量费种道级次项目表单名地区点值据'.split(''));

function looksLikeName(cell: string): boolean {
  if (!/^[\u4e00-\u9fff]{2,4}$/.test(cell)) return false;
  if (COLUMN_ENDINGS.has(cell.at(-1)!)) return false;
  return SURNAMES.has(cell[0]!) || COMPOUND_SURNAMES.some((s) => cell.startsWith(s));
}

/**
 * A stored list of extra columns as the manifest shows it: cells that look like data hidden. Lists stored
 * since this rule are clean already (their placeholders pass unchanged); older databases may hold values.
 */
export function hideDataCells(cells: string[]): string[] {
  // As when ingesting (header-map.ts): one cell that looks like data hides the whole list.
  return cells.some(looksLikeData) ? cells.map(() => '(not listed, the header line carries data)') : cells;
}
