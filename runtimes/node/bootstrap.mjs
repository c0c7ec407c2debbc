// lambdaload's Node.js runtime: one execution environment of the local emulator.
//
// A client of the Lambda Runtime API (http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/...), behaving as AWS's own
// Node.js runtime interface client (npm `aws-lambda-ric`, read at v3.3.0) does:
// - the handler `_HANDLER` = `[dir/]module.export[.nested]` is loaded from LAMBDA_TASK_ROOT, trying the module
//   extension-less, `.js` (CommonJS, or ESM when its package.json says `"type": "module"`), `.mjs`, `.cjs`;
// - async handlers respond when their promise settles; callback handlers `(event, context, callback)` respond when
//   the callback is called and, while `context.callbackWaitsForEmptyEventLoop` is true (the default), only once the
//   event loop is empty;
// - errors are reported as `{errorType, errorMessage, trace}`; init failures go to /init/error as
//   `Runtime.ImportModuleError`, `Runtime.HandlerNotFound`, `Runtime.MalformedHandlerName`, `Runtime.UserCodeSyntaxError`
//   (or the thrown error's own name), after which the process exits (129), as aws-lambda-ric does;
// - console output is written `<ISO time>\t<request id>\t<LEVEL>\t<message>` with newlines turned into `\r`, so one
//   call is one log line (the Lambda Node.js runtime's text log format).
// Plain JavaScript, no dependencies, only `node:` modules: it must start fast (its start-up is the cold start).

import { statSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const RUNTIME_PATH = '/2018-06-01/runtime';
const [apiHost, apiPort] = (process.env.AWS_LAMBDA_RUNTIME_API ?? '').split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const env = process.env;

let currentRequestId;
let currentInvocation; // { id } while a handler runs

patchConsole();

// ---------------------------------------------------------------------------------------------------------------
// Runtime API transport

function call(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const options = { host: apiHost, port: Number(apiPort), method, path: RUNTIME_PATH + urlPath, agent, headers: headers ?? {} };
    if (body !== undefined) options.headers['Content-Length'] = Buffer.byteLength(body);
    const req = http.request(options, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The emulator is gone (lambdaload stopped or crashed): nothing left to serve. */
function exitOnTransportError(error) {
  process.stderr.write(`lambdaload runtime: Runtime API unreachable (${error.code ?? error.message}), exiting\n`);
  process.exit(1);
}

function postInitError(error) {
  const body = JSON.stringify(toRapidResponse(error));
  return call('POST', '/init/error', body, { 'Content-Type': 'application/json', 'Lambda-Runtime-Function-Error-Type': errorTypeOf(error) });
}

function postInvocationError(id, error) {
  const body = JSON.stringify(toRapidResponse(error));
  return call('POST', `/invocation/${encodeURIComponent(id)}/error`, body, { 'Content-Type': 'application/json' });
}

function postInvocationResponse(id, result) {
  let body;
  try {
    body = JSON.stringify(result === undefined ? null : result);
  } catch (error) {
    return postInvocationError(id, named(error, 'Runtime.MalformedResponse'));
  }
  return call('POST', `/invocation/${encodeURIComponent(id)}/response`, body, { 'Content-Type': 'application/json' });
}

// ---------------------------------------------------------------------------------------------------------------
// Errors in AWS's shape

function toRapidResponse(error) {
  try {
    if (error instanceof Error || (error && typeof error === 'object' && 'message' in error && 'name' in error)) {
      return {
        errorType: String(error.name),
        errorMessage: String(error.message),
        trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return { errorType: 'handled', errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack' };
  }
}

function errorTypeOf(error) {
  return error && typeof error === 'object' && typeof error.name === 'string' ? error.name : typeof error;
}

/** A runtime error of Lambda's own, e.g. `Runtime.HandlerNotFound: index.handler is not a function`. */
function lambdaError(name, message) {
  const error = new Error(message);
  error.name = name;
  error.stack = `${name}: ${message}\n${new Error().stack.split('\n').slice(2).join('\n')}`;
  return error;
}

/** Wraps an error under a Lambda error type, e.g. `Runtime.ImportModuleError: Error: Cannot find module 'x'`. */
function named(original, name) {
  const error = new Error(original instanceof Error ? `${original.name}: ${original.message}` : String(original));
  error.name = name;
  if (original instanceof Error && typeof original.stack === 'string') {
    const head = `${original.name}: ${original.message}`;
    const frames = original.stack.startsWith(head) ? original.stack.slice(head.length) : original.stack.slice(original.stack.indexOf('\n'));
    error.stack = `${name}: ${error.message}${frames}`;
  }
  return error;
}

// ---------------------------------------------------------------------------------------------------------------
// Console: AWS's text format, one line per call

function patchConsole() {
  const write = (level, args) => {
    const message = format(...args).replace(/\n/g, '\r');
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId}\t${level}\t${message}\n`);
  };
  console.log = (...args) => write('INFO', args);
  console.info = (...args) => write('INFO', args);
  console.warn = (...args) => write('WARN', args);
  console.error = (...args) => write('ERROR', args);
  console.debug = (...args) => write('DEBUG', args);
  console.trace = (...args) => {
    const holder = {};
    Error.captureStackTrace(holder, console.trace);
    write('TRACE', [format(...args) + '\n' + holder.stack.split('\n').slice(1).join('\n')]);
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Loading the handler

async function loadHandler(taskRoot, fullHandler) {
  const handlerFile = path.basename(fullHandler);
  const moduleRoot = fullHandler.slice(0, fullHandler.length - handlerFile.length);
  const match = /^([^.]*)\.(.*)$/.exec(handlerFile);
  if (!match) throw lambdaError('Runtime.MalformedHandlerName', 'Bad handler');
  const [, moduleName, handlerPath] = match;
  const base = path.resolve(taskRoot, moduleRoot, moduleName);
  const require = createRequire(path.join(taskRoot, 'noop.js'));

  let userModule;
  try {
    userModule = await importUserModule(base, require, moduleName, taskRoot);
  } catch (error) {
    if (error instanceof SyntaxError) throw named(error, 'Runtime.UserCodeSyntaxError');
    // A missing module, the handler's own or one it imports, is `Runtime.ImportModuleError` on AWS.
    if (error && (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_MODULE_NOT_FOUND')) throw named(error, 'Runtime.ImportModuleError');
    throw error;
  }

  let handler = userModule;
  for (const key of handlerPath.split('.')) handler = handler?.[key];
  // A CommonJS module imported as ESM exposes what the lexer could not see under `default`.
  if (handler === undefined && userModule && typeof userModule === 'object' && 'default' in userModule) {
    handler = userModule.default;
    for (const key of handlerPath.split('.')) handler = handler?.[key];
  }
  if (handler === undefined) throw lambdaError('Runtime.HandlerNotFound', `${fullHandler} is undefined or not exported`);
  if (typeof handler !== 'function') throw lambdaError('Runtime.HandlerNotFound', `${fullHandler} is not a function`);
  return handler;
}

async function importUserModule(base, require, moduleName, taskRoot) {
  // Extension-less and `.js` through require (a `.js` ES module makes require throw ERR_REQUIRE_ESM: import it).
  for (const file of [base, base + '.js']) {
    if (!isFile(file)) continue;
    try {
      return require(file);
    } catch (error) {
      if (error && error.code === 'ERR_REQUIRE_ESM') return import(pathToFileURL(file).href);
      throw error;
    }
  }
  if (isFile(base + '.mjs')) return import(pathToFileURL(base + '.mjs').href);
  if (isFile(base + '.cjs')) return require(base + '.cjs');
  // Last, Node's own resolution from the task root (a package in node_modules).
  return require(require.resolve(moduleName, { paths: [taskRoot] }));
}

function isFile(file) {
  return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}

// ---------------------------------------------------------------------------------------------------------------
// One invocation

function parseJsonHeader(value) {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function runHandler(handler, event, headers, id) {
  return new Promise((resolve) => {
    const deadlineMs = Number(headers['lambda-runtime-deadline-ms']);
    let settled = false;
    let waitsForEmptyEventLoop = true;
    let beforeExit;
    const settle = (error, result) => {
      if (settled) return;
      settled = true;
      if (beforeExit) process.removeListener('beforeExit', beforeExit);
      resolve({ error, result });
    };
    const hasError = (error) => error !== undefined && error !== null;
    const callback = (error, result) => {
      if (hasError(error) || !waitsForEmptyEventLoop) return settle(hasError(error) ? error : undefined, result);
      if (beforeExit) process.removeListener('beforeExit', beforeExit);
      beforeExit = () => setImmediate(() => settle(undefined, result));
      process.once('beforeExit', beforeExit);
    };
    const done = (error, result) => settle(hasError(error) ? error : undefined, result);
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return waitsForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waitsForEmptyEventLoop = Boolean(value);
      },
      functionName: env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
      invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
      memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      awsRequestId: id,
      logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
      identity: parseJsonHeader(headers['lambda-runtime-cognito-identity']),
      clientContext: parseJsonHeader(headers['lambda-runtime-client-context']),
      getRemainingTimeInMillis: () => deadlineMs - Date.now(),
      done,
      succeed: (result) => done(null, result),
      fail: (error) => done(error ?? 'handled'),
    };
    let returned;
    try {
      returned = handler(event, context, callback);
    } catch (error) {
      return settle(error ?? new Error('handler threw a nullish value'));
    }
    if (returned && typeof returned.then === 'function') {
      returned.then(
        (result) => settle(undefined, result),
        (error) => settle(error ?? new Error('handler rejected with a nullish value')),
      );
    }
  });
}

async function serve(handler) {
  for (;;) {
    const next = await call('GET', '/invocation/next').catch(exitOnTransportError);
    if (next.status !== 200) {
      process.stderr.write(`lambdaload runtime: /invocation/next answered ${next.status}: ${next.body}\n`);
      process.exit(1);
    }
    const id = next.headers['lambda-runtime-aws-request-id'];
    const traceId = next.headers['lambda-runtime-trace-id'];
    if (traceId) env._X_AMZN_TRACE_ID = traceId;
    else delete env._X_AMZN_TRACE_ID;
    currentRequestId = id;
    currentInvocation = { id };

    let outcome;
    try {
      const text = next.body.toString('utf8');
      outcome = await runHandler(handler, text === '' ? {} : JSON.parse(text), next.headers, id);
    } catch (error) {
      outcome = { error };
    }
    currentInvocation = undefined;
    if (outcome.error !== undefined) {
      console.error('Invoke Error \t' + JSON.stringify(toRapidResponse(outcome.error)));
      await postInvocationError(id, outcome.error).catch(exitOnTransportError);
    } else {
      await postInvocationResponse(id, outcome.result).catch(exitOnTransportError);
    }
  }
}

// An error nobody caught: report it for the running invocation (or the init), then exit as aws-lambda-ric does
// (129 for an uncaught exception, 128 for an unhandled rejection). Between invocations there is nothing to report
// it to: the process just exits. The emulator then replaces the environment.
let initDone = false;
function fatal(error, code) {
  const invocation = currentInvocation;
  console.error(invocation ? 'Uncaught Exception \t' : 'Init Error \t', JSON.stringify(toRapidResponse(error)));
  const exit = () => process.exit(code);
  if (invocation) postInvocationError(invocation.id, error).then(exit, exit);
  else if (!initDone) postInitError(error).then(exit, exit);
  else exit();
}
process.on('uncaughtException', (error) => fatal(error, 129));
process.on('unhandledRejection', (reason) => {
  const error = named(reason instanceof Error ? reason : new Error(String(reason)), 'Runtime.UnhandledPromiseRejection');
  fatal(error, 128);
});

let handler;
try {
  handler = await loadHandler(env.LAMBDA_TASK_ROOT ?? process.cwd(), env._HANDLER ?? '');
} catch (error) {
  console.error('Init Error \t' + JSON.stringify(toRapidResponse(error)));
  await postInitError(error).catch(() => undefined);
  process.exit(129);
}
initDone = true;
await serve(handler);
