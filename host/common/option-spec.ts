/** One command-line option described as data (host/cli/command-module.ts adds them to a command; libraries describe their own options with it). */
export interface OptionSpec {
  /** commander flags, e.g. "--keys <n>". */
  flags: string;
  description: string;
  /** Convert and validate the raw text (throw `usageError` on bad input). */
  parse?: (value: string, previous: unknown) => unknown;
  default?: unknown;
  choices?: string[];
  /** Omitted from --help. */
  hidden?: boolean;
  /** Options that may not be combined with this one (by attribute name). */
  conflicts?: string[];
}
