import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Who may read what an export writes (spec 6 `--group`, spec 8 Security). By default the owner only: the
 * umask of 077 set in cli/main.ts makes files 0600 and folders 0700. With `--group`, auditors in that group
 * read the outputs: the output folder and the parent folders the job creates for it are 0750, the files in
 * it 0640, all owned by the group (`gid`). Modes are set explicitly (chmod), not through the umask, so that
 * the database, its lock and WAL files, the spill folder and the swap lock, which no reader needs, stay
 * owner-only whatever the group.
 *
 * `null`: no group, nothing is changed.
 */
export type OutputGid = number | null;

const SHARED_FILE = 0o640;
const SHARED_FOLDER = 0o750;

/**
 * Makes `dir` and its missing parents (owner-only). With a group, each folder created here is shared with
 * it, so that an auditor can reach the output folder inside; folders that already existed are not the job's
 * and keep their owner and mode (docs/operations.md, "Outputs for auditors").
 */
export function makeFolders(dir: string, gid: OutputGid): void {
  const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (first === undefined || gid === null) return;
  const created: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    created.push(d);
    if (d === resolve(first) || d === dirname(d)) break;
  }
  for (const d of created.reverse()) share(d, SHARED_FOLDER, gid);
}

/**
 * Shares a finished output folder with the group: the folder 0750, every file in it 0640 (folders in it
 * 0750), all owned by the group. Called on the temporary folder once every file is written and before it is
 * swapped in, so that a reader never sees a half-written output.
 */
export function shareFolder(dir: string, gid: OutputGid): void {
  if (gid === null) return;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (stat.isDirectory()) shareFolder(path, gid);
    else if (stat.isFile()) share(path, SHARED_FILE, gid);
  }
  share(dir, SHARED_FOLDER, gid);
}

/** The group first, then the mode (a chown by a non-root user may clear mode bits). */
function share(path: string, mode: number, gid: number): void {
  chownSync(path, -1, gid);
  chmodSync(path, mode);
}
