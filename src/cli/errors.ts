/** Exit codes of spec 6. */
export const EXIT = { done: 0, failed: 1, usage: 2, locked: 3, fileRejected: 4 } as const;

/** Bad command line: exit code 2, with the message and a pointer to --help. */
export class UsageError extends Error {}

