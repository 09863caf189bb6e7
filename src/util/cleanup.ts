/**
 * What to undo if the run is interrupted (Ctrl-C, SIGTERM from a scheduler): temporary
 * files and folders. Each piece of work registers its cleanup and removes it when done.
 */
const cleanups = new Set<() => void>();

export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Runs every registered cleanup (synchronously: the process is about to exit). */
export function runCleanups(): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // Best effort: one failed cleanup must not stop the others.
    }
  }
  cleanups.clear();
}
