/** One invalid setting: where it came from and what is wrong with it. */
export interface ConfigProblem {
  /** Dotted key, e.g. `server.port`. */
  key: string;
  /** Environment variable of the key, when it has one. */
  envVar?: string;
  /** Which source supplied the bad value: `default`, `file`, `env` or `flag`. */
  source: string;
  message: string;
}

/** The configuration is invalid; `problems` lists every problem at once. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(
      `invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.envVar ?? p.key} (${p.key}, from ${p.source}): ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
