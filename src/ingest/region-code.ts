import { isKnownProvincePrefix } from '../regions/region-table.js';

/**
 * A pooling-region code: six digits whose first two are a GB/T 2260 province. Codes below the province
 * are not checked against the table, because medical-insurance pooling codes include ones GB/T 2260 does
 * not list (e.g. `360799` 赣州市本级) and the table lags behind boundary changes.
 */
export function parseRegionCode(value: string): { ok: true; code: string } | { ok: false; detail: string } {
  if (!/^\d{6}$/.test(value)) return { ok: false, detail: `region_code "${value}" is not 6 digits` };
  if (!isKnownProvincePrefix(value.slice(0, 2))) {
    return { ok: false, detail: `region_code ${value} has unknown province ${value.slice(0, 2)}` };
  }
  return { ok: true, code: value };
}
