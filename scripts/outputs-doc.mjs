// `npm run docs:outputs`: writes the generated parts of docs/outputs.md from the output guide
// (src/export/output-guide.ts, compiled in dist/), the one source that also makes the workbook's 说明/Guide sheet.
// The hand-written prose around them stays as it is. Each part lies between
//   <!-- generated: NAME (npm run docs:outputs) -->  and  <!-- end generated -->
// NAME: `files` (the output files), an output's name (`refunds.csv`: its columns), `handbook` (every code: what it
// means, who does what next), `handbook-zh` (the same in Chinese). test/unit/docs.outputs-current.test.ts fails
// when the file is not what this script would write.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DOC = join(ROOT, 'docs/outputs.md');

const BEGIN = /<!-- generated: ([a-z_.-]+) \(npm run docs:outputs\) -->\n[\s\S]*?<!-- end generated -->/g;

/** A table cell: `|` escaped, and `<` outside code spans written as `&lt;` and `*` escaped (so `POLICY_GAP:<key>` is not read as HTML, nor `collection_window.*` as emphasis). */
function cell(text) {
  return text.split('`').map((part, i) => (i % 2 === 1 ? part : part.replaceAll('<', '&lt;').replaceAll('*', '\\*'))).join('`').replaceAll('|', '\\|');
}
const code = (text) => (text === '' ? '' : `\`${text.replaceAll('|', '\\|')}\``);

/**
 * The generated parts, by name, from the guide: `en` and `zh` are guideRows('en') and guideRows('zh') (the
 * same rows in the same order), `sections` is guideSections().
 */
export function renderParts({ en, zh, sections }) {
  const bySection = [];
  let at = 0;
  for (const s of sections) {
    bySection.push({ ...s, enRows: en.slice(at, at + s.rows), zhRows: zh.slice(at, at + s.rows) });
    at += s.rows;
  }
  const table = (s, head, row) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...s.enRows.map((r, i) => `| ${row(r, s.zhRows[i]).join(' | ')} |`)].join('\n');
  const heading = (s, zh) => `### ${zh || s.zh.startsWith(s.en) ? s.zh : `${s.en} (${s.zh})`}`;
  const files = bySection.filter((s) => s.kind === 'files')
    .map((s) => table(s, ['file', 'what it is for', 'who does what with it'], (r) => [code(r.item), cell(r.meaning), cell(r.todo)]));
  const columns = bySection.filter((s) => s.kind === 'columns')
    .map((s) => [s.en, `${heading(s, false)}\n\n${table(s, ['column', '中文', 'meaning', 'what to do'], (r, z) => [code(r.item), z.item === r.item ? '' : cell(z.item), cell(r.meaning), cell(r.todo)])}`]);
  const handbook = bySection.filter((s) => s.kind === 'codes')
    .map((s) => `${heading(s, false)}\n\n${table(s, ['code', '中文', 'meaning', 'who does what next'], (r, z) => [code(r.item), cell(z.item), cell(r.meaning), cell(r.todo)])}`);
  const handbookZh = bySection.filter((s) => s.kind === 'codes')
    .map((s) => `${heading(s, true)}\n\n${table(s, ['代码', '含义', '谁做什么'], (r, z) => [cell(z.item), cell(z.meaning), cell(z.todo)])}`);
  return { files: files.join('\n\n'), ...Object.fromEntries(columns), handbook: handbook.join('\n\n'), 'handbook-zh': handbookZh.join('\n\n') };
}

/** docs/outputs.md's text with every generated part replaced by `parts`; a marker naming no part is an error. */
export function fillDoc(text, parts) {
  const seen = new Set();
  const out = text.replace(BEGIN, (_, name) => {
    if (!(name in parts)) throw new Error(`docs/outputs.md: no generated part named ${name}`);
    seen.add(name);
    return `<!-- generated: ${name} (npm run docs:outputs) -->\n${parts[name]}\n<!-- end generated -->`;
  });
  const missing = Object.keys(parts).filter((n) => !seen.has(n));
  if (missing.length > 0) throw new Error(`docs/outputs.md: no place for the generated part(s) ${missing.join(', ')}`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { guideRows, guideSections } = await import(pathToFileURL(join(ROOT, 'dist/export/output-guide.js')).href);
  const text = readFileSync(DOC, 'utf8');
  const next = fillDoc(text, renderParts({ en: guideRows('en'), zh: guideRows('zh'), sections: guideSections() }));
  if (next !== text) writeFileSync(DOC, next);
  console.log(next === text ? 'docs/outputs.md is up to date' : 'docs/outputs.md rewritten');
}
