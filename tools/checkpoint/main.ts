import { parseArgs } from 'node:util';
import { PROCESS_IO, type ToolIo } from '../shared/command.js';
import { describeFailure, ToolError, UsageError } from '../shared/errors.js';
import { describeTarget, loadTarget, type Target } from '../shared/target.js';
import type { Checkpoint, CheckResult } from './checkpoint.js';
import { CHECKPOINTS } from './checks/index.js';
import { Probe } from './probe.js';

const HELP = `Usage: npm run checkpoint -- <module> [options]

Checks your running local cloud (npm start) against a workshop module and says,
in plain words, what passes and what is still missing. It signs up throwaway
riders (checkpoint-…@example.com) and deletes them afterwards.

Modules:
${CHECKPOINTS.map((c) => `  ${c.module.padEnd(4)} ${c.title}`).join('\n')}

Options:
  --outputs <file>   the local cloud's outputs file (default: .wild-rydes/outputs.json)
  --stack <name>     the stack in it, when it holds several
  -h, --help         show this help

Exit codes: 0 everything passes, 1 something is missing, 2 wrong usage.
`;

/** The target only if its local cloud answers: an outputs file left behind by a killed cloud is not a running one. */
async function runningTarget(target: Target): Promise<Target> {
  if (!target.local) throw new ToolError(`${target.outputsFile} is a deployed stack's; checkpoints check the running local cloud (npm start).`);
  try {
    await fetch(`${target.userPoolEndpoint}/${target.userPoolId}/.well-known/jwks.json`);
  } catch {
    throw new ToolError(`The local cloud is not answering at ${target.userPoolEndpoint} (its outputs file ${target.outputsFile} is left from an earlier run). Start it with \`npm start\`.`);
  }
  return target;
}

function render(checkpoint: Checkpoint, target: Target, results: CheckResult[]): string {
  const lines = [`Checkpoint ${checkpoint.module}: ${checkpoint.title}`, `on the ${describeTarget(target)}`, ''];
  for (const r of results) {
    lines.push(`  ${r.ok ? '✔ pass   ' : '✘ missing'}  ${r.what}`);
    if (!r.ok && r.seen) lines.push(`               seen: ${r.seen}`);
    if (!r.ok && r.fix) lines.push(`               to do: ${r.fix}`);
  }
  const passed = results.filter((r) => r.ok).length;
  lines.push('');
  lines.push(
    passed === results.length
      ? `All ${results.length} checks pass: module ${checkpoint.module} is done.`
      : `${passed} of ${results.length} checks pass: module ${checkpoint.module} is not done yet (see "to do" above).`,
  );
  return `${lines.join('\n')}\n`;
}

/** `npm run checkpoint -- <module>`; returns the exit code. */
export async function checkpointMain(argv: string[], io: ToolIo = PROCESS_IO): Promise<number> {
  let values: { outputs?: string; stack?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { outputs: { type: 'string' }, stack: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }));
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Which module? e.g. npm run checkpoint -- 2' : `One module at a time, got ${positionals.join(' ')}.`);
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const checkpoint = CHECKPOINTS.find((c) => c.module === positionals[0]!.toLowerCase());
  if (!checkpoint) {
    io.err(`There is no checkpoint for module '${positionals[0]}'. The modules are ${CHECKPOINTS.map((c) => c.module).join(', ')}.\n`);
    return 2;
  }
  let probe: Probe | undefined;
  try {
    const target = await runningTarget(loadTarget({ ...(values.outputs ? { outputs: values.outputs } : {}), ...(values.stack ? { stack: values.stack } : {}) }));
    probe = new Probe(target);
    let results: CheckResult[];
    try {
      results = await checkpoint.run(probe);
    } catch (err) {
      // A check that could not finish is a finding too: it says what went wrong, with the checks so far.
      results = [{ ok: false, what: 'the checkpoint could run all its checks', seen: describeFailure(err) }];
    }
    io.out(render(checkpoint, target, results));
    return results.every((r) => r.ok) ? 0 : 1;
  } catch (err) {
    io.err(`${describeFailure(err)}\n`);
    return err instanceof ToolError ? err.exitCode : 1;
  } finally {
    await probe?.cleanUp();
  }
}
