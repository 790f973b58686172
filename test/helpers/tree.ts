import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Everything under a folder, recursively, as `relative path -> what it is` (a file's mode and sha256, a
 * link's target, a folder's mode): "nothing touched" means two of these are equal.
 */
export function tree(root: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const key = rel ? `${rel}/${name}` : name;
      const s = lstatSync(path);
      const mode = (s.mode & 0o7777).toString(8);
      if (s.isSymbolicLink()) found[key] = `link -> ${readlinkSync(path)}`;
      else if (s.isDirectory()) {
        found[key] = `folder ${mode}`;
        walk(path, key);
      } else found[key] = `file ${mode} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    }
  };
  walk(root, '');
  return found;
}
