/** The causes a folder cannot be written, in words a council's IT desk can act on. */
export function cause(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the disk is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EDQUOT') return 'the disk quota is used up';
  if (code === 'ENOTDIR') return 'part of the path is a file, not a folder';
  return (e as Error).message;
}

/** Errors of the machine, not of csp: a full disk, a folder it may not write to. */
export const isEnvironmentFault = (e: unknown) => ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT'].includes((e as NodeJS.ErrnoException)?.code ?? '');
