/** A command line that does not parse: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * The commands' shared start: parse `argv`; on a UsageError print it and the usage to stderr (exit
 * status 2); on `--help` (the parser returns null) print the usage to stdout (exit status 0). Returns
 * the parsed arguments, or the exit status when the command is done.
 */
export function parseOrExit<T>(
  parse: (argv: readonly string[]) => T | null,
  argv: readonly string[],
  usage: string,
  prefix = "",
): { args: T } | { exit: number } {
  let args: T | null;
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${prefix}${error.message}\n\n${usage}\n`);
    return { exit: 2 };
  }
  if (args === null) {
    process.stdout.write(`${usage}\n`);
    return { exit: 0 };
  }
  return { args };
}
