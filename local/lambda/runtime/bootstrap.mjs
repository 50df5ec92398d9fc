// The Lambda runtime inside one execution environment, a process of its own:
// loads the function's module once (the init phase), then answers invocations
// one at a time, as a Lambda execution environment does. Plain JavaScript so
// it needs no loader.
//
// It talks to the local cloud over file descriptor 3 (a socket pair), one line
// per message, never over Node's IPC channel (which would add NODE_CHANNEL_FD
// to the function's environment):
//   in:  `<id> <deadline ms> <requestId> <event JSON>`
//   out: `ready` | `init-error <error JSON>` | `ok <id> <peak KB> <result JSON>` |
//        `error <id> <peak KB> <error JSON>` | `fatal <error JSON>`
// (peak KB: the process's peak resident memory, getrusage's maxrss, which the
// cloud holds against MemorySize)
// The cloud trusts none of it beyond what the function could return anyway.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { assetDir, handler: handlerName, runtimeModulesFrom, functionName, functionArn, memoryMb, logGroupName, cognitoEndpoint } = JSON.parse(process.argv[2]);
register('./hooks.mjs', import.meta.url, { data: { fallbackParent: runtimeModulesFrom } });
// Offline: a user pool's public keys come from the local Cognito, before the function's code loads.
if (cognitoEndpoint) (await import('./jwks-redirect.mjs')).redirectJwks(cognitoEndpoint);

const channel = new Socket({ fd: 3, readable: true, writable: true });
const send = (line) => channel.write(`${line}\n`);
// The cloud is gone: so is this environment.
channel.on('close', () => process.exit(0));
channel.on('error', () => process.exit(0));

function errorOf(err) {
  if (err instanceof Error) return { errorType: err.name || 'Error', errorMessage: err.message, stack: err.stack };
  return { errorType: 'Error', errorMessage: String(err) };
}

// An uncaught exception or rejection ends the environment, as it does in Lambda.
const fatal = (err) => {
  channel.end(`fatal ${JSON.stringify(errorOf(err))}\n`, () => process.exit(1));
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

async function loadHandler() {
  const dot = handlerName.lastIndexOf('.');
  const file = handlerName.slice(0, dot);
  const exportName = handlerName.slice(dot + 1);
  const candidate = ['.mjs', '.js', '.cjs'].map((ext) => join(assetDir, file + ext)).find((p) => existsSync(p));
  if (!candidate) throw Object.assign(new Error(`Cannot find module '${file}' in ${assetDir}`), { name: 'Runtime.ImportModuleError' });
  const mod = await import(pathToFileURL(candidate).href);
  const fn = mod[exportName] ?? mod.default?.[exportName];
  if (typeof fn !== 'function') {
    throw Object.assign(new Error(`${file}.${exportName} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  return fn;
}

async function invoke(handler, line) {
  const first = line.indexOf(' ');
  const second = line.indexOf(' ', first + 1);
  const third = line.indexOf(' ', second + 1);
  const id = line.slice(0, first);
  const deadline = Number(line.slice(first + 1, second));
  const requestId = line.slice(second + 1, third);
  const event = JSON.parse(line.slice(third + 1));
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName,
    logStreamName: `local/[$LATEST]${requestId.replace(/-/g, '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result =
      handler.length >= 3
        ? await new Promise((resolve, reject) => {
            const maybe = handler(event, context, (err, value) => (err ? reject(err) : resolve(value)));
            if (maybe && typeof maybe.then === 'function') maybe.then(resolve, reject);
          })
        : await handler(event, context);
    // Lambda hands results over as JSON: what does not survive JSON does not reach API Gateway either.
    const json = result === undefined ? 'null' : JSON.stringify(result);
    send(`ok ${id} ${process.resourceUsage().maxRSS} ${json}`);
  } catch (err) {
    send(`error ${id} ${process.resourceUsage().maxRSS} ${JSON.stringify(errorOf(err))}`);
  }
}

let handler;
try {
  handler = await loadHandler();
  send('ready');
} catch (err) {
  send(`init-error ${JSON.stringify(errorOf(err))}`);
}

// A line (one event) arrives in many chunks. Only each new chunk is searched for
// the newline and the pieces are joined once: appending to one string and
// searching all of it per chunk flattened megabytes per chunk, and a 5 MB event
// then peaked over a 128 MB function's MemorySize on garbage alone.
let pieces = [];
channel.setEncoding('utf8');
channel.on('data', (chunk) => {
  let start = 0;
  let newline;
  while ((newline = chunk.indexOf('\n', start)) !== -1) {
    pieces.push(chunk.slice(start, newline));
    const line = pieces.join('');
    pieces = [];
    start = newline + 1;
    if (handler) void invoke(handler, line);
  }
  if (start < chunk.length) pieces.push(chunk.slice(start));
});
