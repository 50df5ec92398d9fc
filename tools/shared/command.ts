import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { loadTarget, type Target } from './target.js';

/** One flag of a command, with what its help says. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in the help after the flag, e.g. `<email>`. */
  placeholder?: string;
  description: string;
  /** An environment variable read when the flag is absent (for secrets kept out of shell history). */
  env?: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  values: OptionValues;
  /** The stack the command talks to (read on first use, so `--help` never needs one). */
  target(): Target;
  /** Prints a line to stdout. */
  print(line?: string): void;
  /** Prints a line to stderr (notes that should not end up in `$(…)`). */
  note(line: string): void;
}

/** A command of a tool: one file each, listed in the tool's command list. */
export interface Command {
  name: string;
  /** One line for the tool's command list. */
  summary: string;
  /** Extra lines for the command's help: what it does, an example. */
  details?: string;
  options: Record<string, OptionSpec>;
  run(ctx: CommandContext): Promise<number>;
}

/** The flags every command of a tool takes (where the stack's outputs are). */
export const TARGET_OPTIONS: Record<string, OptionSpec> = {
  outputs: {
    type: 'string',
    placeholder: '<file>',
    description: 'outputs file: `cdk deploy --outputs-file` for a deployed stack (default: .wild-rydes/outputs.json, the running local cloud)',
  },
  stack: { type: 'string', placeholder: '<name>', description: 'the stack in the outputs file, when it holds several' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

export function commandHelp(tool: string, command: Command): string {
  const options = { ...command.options, ...TARGET_OPTIONS };
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.placeholder ? ` ${spec.placeholder}` : ''}`;
    return `  ${flag.padEnd(30)} ${spec.description}${spec.env ? ` (or $${spec.env})` : ''}`;
  });
  return [`Usage: ${tool}${command.name ? ` ${command.name}` : ''} [options]`, '', command.summary, ...(command.details ? ['', command.details] : []), '', 'Options:', ...rows, ''].join('\n');
}

/** Parses a command's flags strictly: an unknown flag or a stray argument is a UsageError naming it. */
export function parseCommandArgs(command: Command, argv: string[]): OptionValues {
  const options = { ...command.options, ...TARGET_OPTIONS };
  let values: OptionValues;
  // parseArgs takes `-122.3` for a flag; a negative number after a string flag is that flag's value (--lng -122.3).
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const spec = arg.startsWith('--') ? options[arg.slice(2)] : undefined;
    if (spec?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  try {
    ({ values } = parseArgs({
      args,
      options: Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}) }])),
      strict: true,
      allowPositionals: false,
    }) as { values: OptionValues });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  for (const [name, spec] of Object.entries(options)) {
    if (values[name] === undefined && spec.env && process.env[spec.env]) values[name] = process.env[spec.env];
  }
  return values;
}

/** A flag the command cannot do without. */
export function required(values: OptionValues, name: string, what = ''): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required${what ? `: ${what}` : ''}.`);
  return value;
}

/** Where a tool writes: the process's streams, or a test's buffers. */
export interface ToolIo {
  out(text: string): void;
  err(text: string): void;
}

export const PROCESS_IO: ToolIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

export function contextFor(values: OptionValues, io: ToolIo = PROCESS_IO): CommandContext {
  let target: Target | undefined;
  return {
    values,
    target: () =>
      (target ??= loadTarget({
        ...(typeof values.outputs === 'string' ? { outputs: values.outputs } : {}),
        ...(typeof values.stack === 'string' ? { stack: values.stack } : {}),
      })),
    print: (line = '') => io.out(`${line}\n`),
    note: (line) => io.err(`${line}\n`),
  };
}

/** The target flags this command was given, to repeat in the next command it suggests. */
export function targetFlags(values: OptionValues): string {
  return ['outputs', 'stack']
    .filter((name) => typeof values[name] === 'string')
    .map((name) => ` --${name} ${values[name]}`)
    .join('');
}
