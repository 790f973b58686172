import { createRequire } from 'node:module';

/** The package version, for --version and the manifest. */
export function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}
