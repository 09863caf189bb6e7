/**
 * The day the run happens, for "in the future" checks and document dates.
 * SOURCE_DATE_EPOCH (seconds) pins it, so identical inputs give identical outputs.
 */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString().slice(0, 10);
}
