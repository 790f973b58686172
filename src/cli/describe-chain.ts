import { formatFen } from '../normalise/amount.js';
import type { PolicyChain } from '../policy/policy-chain.js';

/** The values a chain supplies, each with the jurisdiction it comes from and its citation. */
export function describeChain(chain: PolicyChain): string[] {
  const src = (s: { region: string; citation: string | null }) => `  ← ${s.region || 'default'}${s.citation ? ` (${s.citation})` : ''}`;
  const lines: string[] = [`levels: ${chain.levels.map((l) => l.region_code).join(' → ') || '(none)'}`];
  const std = chain.standard('resident', '1');
  lines.push('gap' in std ? `personal_standard.resident.1: ABSENT` : `personal_standard.resident.1: ${formatFen(std.value)}${src(std)}`);
  const win = chain.window();
  lines.push('gap' in win ? 'collection_window: ABSENT' : `collection_window: ${win.value.start} .. ${win.value.end}${win.value.assisted_end ? `, assisted until ${win.value.assisted_end}` : ''}${src(win)}`);
  const bp = chain.benefitPeriod('resident');
  lines.push(`benefit_period: ${bp.value.start} .. ${bp.value.end}${src(bp)}`);
  const wd = chain.waitingDays();
  lines.push(wd ? `waiting_days: ${wd.value}${src(wd)}` : 'waiting_days: ABSENT');
  const ex = chain.waitingExempt();
  lines.push(ex ? `waiting_exempt: ${ex.value.join(', ')}${src(ex)}` : 'waiting_exempt: ABSENT');
  const ng = chain.newbornGraceDays();
  lines.push(ng ? `newborn_grace_days: ${ng.value}${src(ng)}` : 'newborn_grace_days: ABSENT');
  for (const cat of ['extreme_poverty', 'orphan', 'minimum_living', 'returned_to_poverty', 'unstable_out_of_poverty', 'edge_of_poverty', 'sudden_hardship', 'severe_disability', 'low_income_minor', 'low_income_elderly']) {
    const a = chain.assistance(cat);
    if (!a.assisted) continue;
    const via = a.via.length ? ` (same_as via ${a.via.join(' → ')})` : '';
    lines.push('gap' in a ? `assistance.${cat}: amount ABSENT${via}` : `assistance.${cat}: ${typeof a.rule.value === 'number' ? formatFen(a.rule.value) : JSON.stringify(a.rule.value)}${via}${src(a.rule)}`);
  }
  return lines;
}
