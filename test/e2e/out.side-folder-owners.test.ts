import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recon } from '../helpers/cli.js';
import { night } from '../helpers/run.js';

const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const HOUR = 3600_000;
const name = (kind: string, host: string, pid: number, at: number) => `.latest.${kind}-${host}-${pid}-${at.toString(36)}-0123abcd`;

/**
 * Which folders beside --out a run removes: its own, and those whose owner is known dead. On this host a
 * pid tells (and a live pid whose process started after the folder was made is not its owner); from another
 * host only age does (24 h). A live owner's folders are never removed.
 */
describe('side folders beside --out and their owners', () => {
  it('removes dead owners\' folders only', async () => {
    const n = night(['tax-ganzhou-2022-10.csv']);
    const parent = dirname(n.out);
    mkdirSync(parent, { recursive: true });
    const live = spawn('sleep', ['60']);
    await new Promise((r) => setTimeout(r, 3000)); // `live` started well before `now` below
    const now = Date.now();
    const dead = spawn('true');
    await new Promise((r) => dead.on('close', r));
    const folders = {
      deadPid: name('spill', HOST, dead.pid!, now),
      livePid: name('spill', HOST, live.pid!, now),
      livePidReused: name('tmp', HOST, live.pid!, now - HOUR), // made an hour before that process started
      otherHostRecent: name('spill', 'ffffffff', 1, now - HOUR),
      otherHostOld: name('tmp', 'ffffffff', 1, now - 25 * HOUR),
      legacyRecent: `.latest.tmp-1-${now - HOUR}`,
      legacyOld: `.latest.spill-1-${now - 25 * HOUR}`,
      notASideFolder: '.latest.notes',
    };
    for (const f of Object.values(folders)) mkdirSync(join(parent, f));
    try {
      const r = recon(n.args());
      expect(r.code, r.stderr).toBe(0);
      const left = readdirSync(parent).sort();
      expect(left).toEqual(['latest', folders.livePid, folders.otherHostRecent, folders.legacyRecent, folders.notASideFolder].sort());
      expect(existsSync(join(n.out, 'reconciliation.csv'))).toBe(true);
    } finally {
      live.kill('SIGKILL');
    }
  });
});
