/**
 * The CDK app's user-facing errors: a context flag (`-c key=value`) that is wrong.
 * Each kind is a named subclass; `bin/wild-rydes.ts` prints any ConfigError as a
 * plain message (the user's to fix) and lets every other error surface with its
 * stack (a bug). No CDK import, so the website and the local cloud may share it.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface ConfigErrorReporter {
  print(text: string): void;
  exit(code: number): void;
}

const processReporter: ConfigErrorReporter = {
  print: (text) => console.error(text),
  exit: (code) => process.exit(code),
};

/** Runs `fn`; a ConfigError is printed without a stack and ends the process with 1, anything else is rethrown. */
export function reportConfigErrors(fn: () => void, reporter: ConfigErrorReporter = processReporter): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    reporter.print(`\n${error.message}\n`);
    reporter.exit(1);
  }
}
