/**
 * exceljs' streaming writer alone (workbook-file.ts imports it so): its package has no exports map and no
 * types for the file, which holds the class `ExcelJS.stream.xlsx.WorkbookWriter` as its module.exports.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type ExcelJS from 'exceljs';

  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}
