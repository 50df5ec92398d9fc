import { PROCESS_IO, type ToolIo } from '../shared/command.js';
import { runCommand } from '../shared/run-command.js';
import { RIDER_COMMANDS } from './commands/index.js';

const TOOL = 'npm run rider --';

function help(): string {
  const width = Math.max(...RIDER_COMMANDS.map((c) => c.name.length));
  return [
    `Usage: ${TOOL} <command> [options]`,
    '',
    'A rider of Wild Rydes from the terminal: sign up, sign in, book a ride. Works against',
    'the running local cloud (npm start) and a deployed stack (--outputs cdk-outputs.json),',
    'in every auth mode: it sends the ID token, or signs with SigV4 in iam mode.',
    '',
    'Commands:',
    ...RIDER_COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Help on one command: ${TOOL} <command> --help`,
    '',
    'Exit codes: 0 done, 1 refused or failed (the message says what to do), 2 wrong usage.',
    '',
  ].join('\n');
}

/** `npm run rider -- <command> [options]`: the workshop's terminal flows for one rider. Returns the exit code. */
export async function riderMain(argv: string[], io: ToolIo = PROCESS_IO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  const command = RIDER_COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command '${name}'.\n\n${help()}`);
    return 2;
  }
  return runCommand(TOOL, command, rest, io);
}
