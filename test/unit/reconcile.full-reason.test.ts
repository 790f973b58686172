import { describe, expect, it } from 'vitest';
import type { PolicyFile } from '../../src/policy/policy-file.js';
import type { PolicySetData } from '../../src/policy/policy-set.js';
import { fullReason, type StoredReconcile } from '../../src/reconcile/reconcile-mode.js';

/**
 * Issue 21: the night is full whenever the inputs to every result changed. Each trigger alone is checked
 * here; test/e2e/reconcile.incremental.test.ts replays nights through the CLI (one of them a policy change
 * and an earlier as-of date at once) and checks a full night's outputs against --full's.
 */
const file = (region: string, end: string) => ({ region_code: region, coverage_year: 2023, collection_window: { end_latest: end } }) as unknown as PolicyFile;
const policies = (...files: PolicyFile[]): PolicySetData => ({ files, sources: [] });
const SET = policies(file('360100', '2022-12-31'), file('360702', '2022-12-31'));
const stored: StoredReconcile = { as_of: '2023-03-01', tool_version: '1.0.0', policy_set: JSON.stringify(SET) };
const tonight = { asOf: '2023-03-02', toolVersion: '1.0.0', policies: SET, full: false };

describe('when a night is full', () => {
  it('is incremental when nothing but the as-of date moved on (or stayed)', () => {
    expect(fullReason(stored, tonight)).toBeNull();
    expect(fullReason(stored, { ...tonight, asOf: stored.as_of })).toBeNull();
  });

  it('is incremental for the same policy files listed in another order or read from elsewhere', () => {
    const reordered = { ...SET, files: [...SET.files].reverse(), sources: [{ file: '/elsewhere/360100-2023.json' }] } as PolicySetData;
    expect(fullReason(stored, { ...tonight, policies: reordered })).toBeNull();
  });

  it('is full for --full, a first reconcile, another tool version, another policy set, an earlier as-of date', () => {
    expect(fullReason(stored, { ...tonight, full: true })).toBe('requested');
    expect(fullReason(undefined, tonight)).toBe('first_reconcile');
    expect(fullReason(stored, { ...tonight, toolVersion: '1.0.1' })).toBe('tool_version');
    expect(fullReason({ ...stored, tool_version: null }, tonight)).toBe('tool_version');
    expect(fullReason(stored, { ...tonight, policies: policies(file('360100', '2023-03-31'), file('360702', '2022-12-31')) })).toBe('policy_set');
    expect(fullReason({ ...stored, policy_set: null }, tonight)).toBe('policy_set');
    expect(fullReason(stored, { ...tonight, asOf: '2023-02-28' })).toBe('as_of_earlier');
  });
});
