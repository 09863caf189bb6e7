/**
 * Whether a process of this id is running: a lock or a leftover folder named with it belongs to
 * a live run. EPERM means it runs under another account, which is still running.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
