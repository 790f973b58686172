import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { UsageError } from '../base/recon-error.js';
import { parseRegionCode } from '../ingest/region-code.js';
import type { EnrollmentTargets } from '../export/report-data.js';

/** The two headers a targets file may have (spec 5, v2), as they are compared: trimmed, no BOM. */
const HEADERS = ['region_code,target_persons', '统筹区编码,参保任务数'];

/**
 * `--targets FILE` (spec 5 and 6, v2): the enrollment targets (参保任务数) per region, which report.html sets
 * the enrolled persons against. Read whole before anything is done: a missing, unreadable or malformed
 * file is a usage error (exit 2) naming the file and the line, so a night never runs half-configured. A
 * small operator-written file: UTF-8 (with or without BOM), else GB18030 (what Excel in Chinese saves);
 * one row per region, each code six digits of a known province (as the inputs' codes), each target a
 * whole number above 0; blank lines are ignored; anything else (a repeated region, a third cell) is refused.
 */
export function targetsOption(flag: string | undefined): EnrollmentTargets | null {
  if (flag === undefined) return null;
  let bytes: Buffer;
  try {
    bytes = readFileSync(flag);
  } catch (err) {
    throw new UsageError(`--targets ${flag} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const bad = (why: string) => new UsageError(`--targets ${flag}: ${why}`);
  const lines = decode(bytes).split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\ufeff/, '').replace(/\s/g, '').toLowerCase();
  if (!HEADERS.includes(header)) throw bad(`line 1 must be the header ${HEADERS.join(' or ')}`);
  const targets = new Map<string, number>();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `line ${i + 2}`;
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length !== 2) throw bad(`${at} has ${cells.length} cells, expected 2 (region code, target persons)`);
    const region = parseRegionCode(cells[0]!);
    if (!region.ok) throw bad(`${at}: ${region.detail}`);
    if (!/^\d+$/.test(cells[1]!) || Number(cells[1]) <= 0 || !Number.isSafeInteger(Number(cells[1]))) {
      throw bad(`${at}: the target for ${region.code} must be a whole number of persons above 0, got "${cells[1]}"`);
    }
    if (targets.has(region.code)) throw bad(`${at}: region ${region.code} is listed twice`);
    targets.set(region.code, Number(cells[1]));
  });
  if (targets.size === 0) throw bad('lists no region');
  return targets;
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030'); // iconv-lite, as ingest: not dependent on how Node's ICU was built
  }
}
