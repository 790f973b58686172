import { regionChain } from '../regions/region-table.js';
import { PolicyChain } from './policy-chain.js';
import { PolicyFileError, type PolicyFile, type Window } from './policy-file.js';

/** The files read for each `<region>-<year>`, in the order they were merged (shipped, then override). */
export type FileOrigins = Map<string, { path: string; file: PolicyFile }[]>;

/**
 * The checks one file cannot make alone, because they are about what it inherits (spec 3, made at load so
 * that a bad set stops the run before anything is ingested, exit 1, naming the file and the key):
 * - a personal standard below a floor (`{at_least}`) that any level above it states for the same leaf;
 * - `collection_window.end` (or `end_latest`) after the `end_latest` it inherits;
 * - `assisted_end` (or `assisted_end_latest`) after the `assisted_end_latest` it inherits, or before the
 *   window end in force there;
 * - `start` after `end`, one of them inherited.
 * Only a file that states one of the leaves involved is blamed: a problem among its parents is theirs.
 */
export function checkChains(files: Map<string, PolicyFile>, origins: FileOrigins): void {
  for (const key of [...files.keys()].sort()) {
    const file = files.get(key)!;
    const ancestors = regionChain(file.region_code).slice(1)
      .map((code) => files.get(`${code}-${file.coverage_year}`))
      .filter((f): f is PolicyFile => f !== undefined);
    if (!ancestors.length) continue;
    const fail = (leaf: string, problem: string): never => {
      throw new PolicyFileError(fileStating(origins.get(key) ?? [], leaf), leaf, problem);
    };
    checkStandards(file, ancestors, fail);
    checkWindow(file, ancestors, fail);
  }
}

type Fail = (leaf: string, problem: string) => never;

function checkStandards(file: PolicyFile, ancestors: PolicyFile[], fail: Fail): void {
  for (const [cat, tiers] of Object.entries(file.personal_standard ?? {})) {
    for (const [tier, v] of Object.entries(tiers)) {
      if (typeof v !== 'number') continue;
      for (const a of ancestors) {
        const floor = a.personal_standard?.[cat]?.[tier];
        if (typeof floor === 'object' && v < floor.at_least) {
          fail(`personal_standard.${cat}.${tier}`, `${v} fen is below the floor of ${floor.at_least} fen that ${a.region_code} sets (${a.citations?.[`personal_standard.${cat}`] ?? a.citations?.personal_standard ?? 'no citation'})`);
        }
      }
    }
  }
}

function checkWindow(file: PolicyFile, ancestors: PolicyFile[], fail: Fail): void {
  const own = file.collection_window;
  if (!own) return;
  const parent = new PolicyChain(ancestors[0]!.region_code, file.coverage_year, ancestors);
  const here = new PolicyChain(file.region_code, file.coverage_year, [file, ...ancestors]);
  const inherited = (f: keyof Window) => parent.value<string>(`collection_window.${f}`);
  const effective = (f: keyof Window) => here.value<string>(`collection_window.${f}`)?.value;
  const notAfter = (f: keyof Window, limit: keyof Window) => {
    const bound = inherited(limit);
    if (own[f] !== undefined && bound && own[f]! > bound.value) {
      fail(`collection_window.${f}`, `${own[f]} is after the ${limit} ${bound.value} that ${bound.region} sets${bound.citation ? ` (${bound.citation})` : ''}`);
    }
  };
  notAfter('end', 'end_latest');
  notAfter('end_latest', 'end_latest');
  notAfter('assisted_end', 'assisted_end_latest');
  notAfter('assisted_end_latest', 'assisted_end_latest');
  const start = effective('start');
  const end = effective('end');
  if (start && end && start > end) fail(own.start !== undefined ? 'collection_window.start' : 'collection_window.end', `start ${start} is after end ${end}`);
  const assistedEnd = effective('assisted_end');
  if (end && assistedEnd && assistedEnd < end && (own.assisted_end !== undefined || own.end !== undefined)) {
    fail(own.assisted_end !== undefined ? 'collection_window.assisted_end' : 'collection_window.end', `assisted_end ${assistedEnd} is before the window end ${end}`);
  }
}

/** The path of the last file read for a jurisdiction and year that states `leaf` (the one to put right). */
function fileStating(read: { path: string; file: PolicyFile }[], leaf: string): string {
  const states = (f: PolicyFile) => {
    let v: unknown = f;
    for (const k of leaf.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
    return v !== undefined;
  };
  return [...read].reverse().find((r) => states(r.file))?.path ?? read[read.length - 1]?.path ?? '(unknown file)';
}
