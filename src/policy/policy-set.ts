import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { regionChain } from '../regions/region-table.js';
import { PolicyChain } from './policy-chain.js';
import { LEAF_DEPTH, parsePolicyJson, PolicyFileError, validatePolicyFile, type PolicyFile } from './policy-file.js';
import { checkChains, type FileOrigins } from './policy-chain-check.js';
import { ReconError } from '../base/recon-error.js';

/** Where the shipped policy files live (src/policy/data, read at run time from the package). */
export const SHIPPED_POLICY_DIR = fileURLToPath(new URL('../../src/policy/data', import.meta.url));

/**
 * Not one policy file, in any jurisdiction, for the coverage year to reconcile (spec 6): the first night of
 * a new year whose files nobody has added yet. Reconciled anyway, every row would be a POLICY_GAP, which
 * reads as a finding about people when it is a missing file; so the run fails (exit 1) before anything is
 * ingested, reconciled or exported, and says which files to add where.
 */
export class NoPolicyForYearError extends ReconError {
  constructor(readonly year: number, overrideDir: string | null) {
    super(
      `no policy file for coverage year ${year}: no jurisdiction has one, not even the national 000000-${year}.json, ` +
      `so nothing was reconciled and the previous outputs are untouched. Add the year's files, one per jurisdiction, ` +
      `named <region_code>-${year}.json (000000-${year}.json for the national values, 360700-${year}.json for a city), ` +
      `to the folder given with --policies DIR (${overrideDir === null ? 'none was given' : `now ${overrideDir}`}; RECON_POLICIES in jobs/nightly.sh) ` +
      `or to ${SHIPPED_POLICY_DIR}; check them with \`recon policies --year ${year}${overrideDir === null ? '' : ` --policies ${overrideDir}`}\`, then rerun. ` +
      `If ${year} is not the year meant, give --year or --as-of (without them the year is the as-of year + 1 from September on).`,
    );
  }
}

export type PolicySource = { file: string; sha256: string; origin: 'shipped' | 'override' };

/** A loaded set as plain data: the merged file per jurisdiction and year, and where they came from. */
export type PolicySetData = { files: PolicyFile[]; sources: PolicySource[] };

/**
 * All policy files of all jurisdictions and years, merged: a file under `--policies DIR` merges over the
 * shipped file of the same region and year key by key (maps such as `personal_standard` and `assistance`
 * per entry), or adds a jurisdiction. Loading validates every file; the first malformed one throws.
 */
export class PolicySet {
  private constructor(
    private readonly files: Map<string, PolicyFile>,
    readonly sources: PolicySource[],
  ) {}

  static load(overrideDir?: string): PolicySet {
    const files = new Map<string, PolicyFile>();
    const sources: PolicySource[] = [];
    const origins: FileOrigins = new Map();
    const read = (dir: string, origin: PolicySource['origin']) => {
      if (!existsSync(dir)) throw new PolicyFileError(dir, '(folder)', 'does not exist');
      const seen = new Map<string, string>();
      // `.JSON` and `.Json` are policy files too: a file saved on Windows keeps whatever case it was given.
      for (const name of readdirSync(dir).filter((n) => /\.json$/i.test(n)).sort()) {
        const path = join(dir, name);
        // Two files for one jurisdiction and year in one folder (000000-2027.json and 000000-2027.JSON)
        // would be merged in an order nobody chose: refuse them both by name.
        const twin = seen.get(name.toLowerCase());
        if (twin) throw new PolicyFileError(path, '(file name)', `is for the same jurisdiction and year as ${twin}: keep one of them`);
        seen.set(name.toLowerCase(), name);
        const bytes = readFileSync(path);
        const file = validatePolicyFile(path, parsePolicyJson(path, bytes));
        const key = `${file.region_code}-${file.coverage_year}`;
        const held = files.get(key);
        files.set(key, held ? mergePolicy(held, file) : file);
        origins.set(key, [...(origins.get(key) ?? []), { path, file }]);
        sources.push({ file: path, sha256: createHash('sha256').update(bytes).digest('hex'), origin });
      }
    };
    read(SHIPPED_POLICY_DIR, 'shipped');
    if (overrideDir) read(overrideDir, 'override');
    checkChains(files, origins); // a standard below an inherited floor etc.: exit 1, naming file and key
    return new PolicySet(files, sources);
  }

  /** The set as plain data, to hand to a worker thread (structured clone), which rebuilds it with `fromData`. */
  toData(): PolicySetData {
    return { files: [...this.files.values()], sources: this.sources };
  }

  static fromData(data: PolicySetData): PolicySet {
    return new PolicySet(new Map(data.files.map((f) => [`${f.region_code}-${f.coverage_year}`, f])), data.sources);
  }

  /** For tests: a set from plain objects (already valid). */
  static of(files: PolicyFile[]): PolicySet {
    const map = new Map<string, PolicyFile>();
    for (const f of files) {
      const key = `${f.region_code}-${f.coverage_year}`;
      const held = map.get(key);
      map.set(key, held ? mergePolicy(held, f) : f);
    }
    return new PolicySet(map, []);
  }

  /** The chain county → city → province → national for a region and year (levels without a file are skipped). */
  chain(regionCode: string, year: number): PolicyChain {
    const key = `${regionCode}-${year}`;
    let chain = this.chains.get(key);
    if (!chain) {
      chain = this.buildChain(regionCode, year);
      this.chains.set(key, chain);
    }
    return chain;
  }

  /** Chains made so far, one per region and year: the policy files never change during a run. */
  private readonly chains = new Map<string, PolicyChain>();

  private buildChain(regionCode: string, year: number): PolicyChain {
    const levels = regionChain(regionCode)
      .map((code) => this.files.get(`${code}-${year}`))
      .filter((f): f is PolicyFile => f !== undefined);
    return new PolicyChain(regionCode, year, levels);
  }

  /**
   * Throws NoPolicyForYearError when no file of the set is for `year`. A year with some files but none on
   * a region's chain is not refused: its persons get POLICY_GAP rows, flagged, as for any missing key.
   */
  requireYear(year: number, overrideDir: string | null): void {
    if (!this.jurisdictions(year).length) throw new NoPolicyForYearError(year, overrideDir);
  }

  /** Every jurisdiction with a file for the year, sorted by code. */
  jurisdictions(year?: number): PolicyFile[] {
    return [...this.files.values()]
      .filter((f) => year === undefined || f.coverage_year === year)
      .sort((a, b) => a.coverage_year - b.coverage_year || a.region_code.localeCompare(b.region_code));
  }
}

/**
 * `over` merged over `base` down to the leaves (spec 3): `personal_standard.<cat>.<tier>`, each
 * `collection_window` field, `benefit_period.<cat>`, `assistance.<cat>`, each `late_recognition` field,
 * `ended_before_enrollment.<cat>` and `citations.<key>` are each kept or replaced on their own; a value
 * object (`{at_least}`, `{percent}`, `{same_as}`, a date range) is a leaf and replaces whatever stood there.
 */
export function mergePolicy(base: PolicyFile, over: PolicyFile): PolicyFile {
  const merged = { ...base, ...over } as Record<string, unknown>;
  for (const [key, depth] of Object.entries(LEAF_DEPTH)) {
    const b = (base as Record<string, unknown>)[key];
    const o = (over as Record<string, unknown>)[key];
    if (b !== undefined && o !== undefined) merged[key] = mergeToDepth(b as Tree, o as Tree, depth);
  }
  return merged as PolicyFile;
}

type Tree = Record<string, unknown>;

function mergeToDepth(base: Tree, over: Tree, depth: number): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = depth > 1 && base[k] !== undefined ? mergeToDepth(base[k] as Tree, v as Tree, depth - 1) : v;
  }
  return out;
}
