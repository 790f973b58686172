import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { UsageError } from '../base/recon-error.js';

/** `--group`, resolved: the name as given (for the run record) and its gid. */
export type GroupOption = { name: string; gid: number };

/**
 * `--group NAME|GID` (spec 6): the group the outputs are shared with, for auditors (export/group-access.ts).
 * Checked before anything is done, since a group the files cannot be given to would otherwise fail the run
 * at its very end: a group that does not exist, or one the running user is not in (only root may give a
 * file to a group it is not in), is a usage error, exit 2.
 *
 * A name is looked up with `getent group`, which asks the system's name service as `ls -l` and `chgrp` do,
 * so groups kept in LDAP, SSSD or Active Directory are found, not only those in /etc/group; where getent is
 * missing, /etc/group is read. No library is needed for either. A number is taken as a gid as it is: in
 * Kubernetes, a group given by `supplementalGroups` or `fsGroup` often has no name in the image.
 */
export function groupOption(flag: string | undefined): GroupOption | null {
  if (flag === undefined) return null;
  if (flag === '' || flag.startsWith('-') || /[\s:,]/.test(flag)) throw new UsageError(`--group "${flag}" is not a group name or number`);
  const gid = /^\d+$/.test(flag) ? Number(flag) : groupId(flag);
  if (gid === null) throw new UsageError(`--group ${flag}: no such group on this system (getent group ${flag} finds none)`);
  const member = process.geteuid?.() === 0 || process.getegid?.() === gid || (process.getgroups?.() ?? []).includes(gid);
  if (!member) {
    throw new UsageError(`--group ${flag}: the user running recon (uid ${process.geteuid?.()}) is not in that group (gid ${gid}), `
      + 'so it cannot give the outputs to it; add the user to the group (then log in again), or run as a member; nothing was done');
  }
  return { name: flag, gid };
}

/** The gid of a group name, from the name service, else /etc/group; null when there is no such group. */
function groupId(name: string): number | null {
  let entry: string;
  try {
    entry = execFileSync('getent', ['group', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return null; // getent exits 2 for a name it does not know
    entry = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.split(':')[0] === name) ?? '';
  }
  // group_name:password:GID:user_list
  const gid = entry.split('\n')[0]!.split(':')[2];
  return gid !== undefined && /^\d+$/.test(gid) ? Number(gid) : null;
}
