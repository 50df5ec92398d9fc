import { commandHelp, contextFor, parseCommandArgs, PROCESS_IO, type Command, type ToolIo } from './command.js';
import { describeFailure, ToolError, UsageError } from './errors.js';

/**
 * Runs one command with its argv and returns the exit code: 0 done, 1 the
 * command could not do it (the message says why and what to do), 2 a usage
 * error (the message, then the command's help). `--help` prints the help.
 */
export async function runCommand(tool: string, command: Command, argv: string[], io: ToolIo = PROCESS_IO): Promise<number> {
  try {
    const values = parseCommandArgs(command, argv);
    if (values.help) {
      io.out(commandHelp(tool, command));
      return 0;
    }
    return await command.run(contextFor(values, io));
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${commandHelp(tool, command)}`);
      return err.exitCode;
    }
    io.err(`${describeFailure(err)}\n`);
    return err instanceof ToolError ? err.exitCode : 1;
  }
}
