// The Lambda runtime inside one worker thread: loads the function's module
// once (the init phase), then answers invocations one at a time, as a Lambda
// execution environment does. Plain JavaScript so it needs no loader.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { assetDir, handler: handlerName, runtimeModulesFrom, functionName, functionArn, memoryMb, logGroupName } = workerData;
register('./hooks.mjs', import.meta.url, { data: { fallbackParent: runtimeModulesFrom } });

function errorOf(err) {
  if (err instanceof Error) return { errorType: err.name || 'Error', errorMessage: err.message, stack: err.stack };
  return { errorType: 'Error', errorMessage: String(err) };
}

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

let handler;
try {
  handler = await loadHandler();
  parentPort.postMessage({ type: 'ready' });
} catch (err) {
  parentPort.postMessage({ type: 'init-error', ...errorOf(err) });
}

parentPort.on('message', async ({ id, event, requestId, deadline }) => {
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
    parentPort.postMessage({ type: 'result', id, ok: true, json: result === undefined ? 'null' : JSON.stringify(result) });
  } catch (err) {
    parentPort.postMessage({ type: 'result', id, ok: false, ...errorOf(err) });
  }
});
