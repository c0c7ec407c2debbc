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
import net from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { withSdkFallback } from './sdk-fallback.mjs';

const RUNTIME_PATH = '/2018-06-01/runtime';
const [apiHost, apiPort] = (process.env.AWS_LAMBDA_RUNTIME_API ?? '').split(':');
const env = process.env;

let currentRequestId;
let currentInvocation; // { id } while a handler runs

patchConsole();

// ---------------------------------------------------------------------------------------------------------------
// Runtime API transport

// One keep-alive socket to the Runtime API and a small HTTP/1.1 client on it, as AWS's runtimes keep one connection
// (aws-lambda-ric's native client). `node:http` would do, but its request and response objects cost several times
// the whole invocation of a small handler: measured in lambdaload's emulator, a cold-JIT runtime serving a few
// requests a second spent most of its CPU there. Responses are framed by Content-Length or chunked encoding.
let socket;
let chunks = []; // bytes received of the response being read
let receivedBytes = 0;
let neededBytes = 0; // known once the head is read (Content-Length framing); 0 = parse again on each chunk
const waiting = []; // { resolve, reject } of the calls in flight, in order: answers come back in request order

// Reads land in one reused buffer (`onread`): no Readable stream machinery per read, which in a runtime still
// warming its JIT cost about as much as the rest of the read path. Each read is copied out before parsing.
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

function connect() {
  socket = net.connect({
    host: apiHost,
    port: Number(apiPort),
    onread: { buffer: READ_BUFFER, callback: (length, buffer) => received(Buffer.from(buffer.subarray(0, length))) },
  });
  socket.setNoDelay(true);
  const received = (chunk) => {
    chunks.push(chunk);
    receivedBytes += chunk.length;
    // A large event arrives in many chunks: join them once, when all are here.
    if (receivedBytes < neededBytes) return;
    let data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, receivedBytes);
    // Pipelined calls: the 202 of a POST and the next event may arrive in one chunk.
    for (;;) {
      const response = parseResponse(data);
      if (response.needed !== undefined) {
        chunks = data.length > 0 ? [data] : [];
        receivedBytes = data.length;
        neededBytes = response.needed;
        break;
      }
      data = response.rest;
      // Idle between calls, the socket must not keep the event loop alive: a callback handler's response waits
      // for an empty event loop (callbackWaitsForEmptyEventLoop), as with node:http's agent, whose free sockets are
      // unref'd.
      if (waiting.length === 1) socket.unref();
      waiting.shift()?.resolve(response);
      if (data.length === 0) {
        chunks = [];
        receivedBytes = 0;
        neededBytes = 0;
        break;
      }
    }
  };
  const fail = (error) => {
    socket = undefined;
    for (const w of waiting.splice(0)) w.reject(error ?? Object.assign(new Error('Runtime API closed the connection'), { code: 'ECONNRESET' }));
  };
  socket.on('error', fail);
  socket.on('close', () => fail());
}

/**
 * One call to the Runtime API. Calls may be pipelined (HTTP/1.1): each is written at once and answered in order;
 * the Runtime API is sequential per environment, so the only pipelined pair is POST /response (or /error) followed
 * by GET /next, written in one segment (`pipelined`).
 */
function call(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    if (socket === undefined) connect();
    socket.ref();
    waiting.push({ resolve, reject });
    let head = `${method} ${RUNTIME_PATH}${urlPath} HTTP/1.1\r\nHost: ${apiHost}:${apiPort}\r\n`;
    if (headers) for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    if (body === undefined) socket.write(head + '\r\n');
    else socket.write(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

/** Runs `calls` (which start calls) with the socket corked, so their requests leave in one write. */
function pipelined(calls) {
  if (socket === undefined) connect();
  socket.cork();
  try {
    return calls();
  } finally {
    socket.uncork();
  }
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * The response at the start of `data`: { status, headers, body, rest } when whole, else { needed } (bytes to wait
 * for in all; 0 when unknown yet).
 */
function parseResponse(data) {
  const end = data.indexOf(HEADER_END);
  if (end < 0) return { needed: 0 };
  const lines = data.toString('latin1', 0, end).split('\r\n');
  const status = Number(lines[0].slice(9, 12));
  const headers = {};
  for (let i = 1; i < lines.length; i++) {
    const colon = lines[i].indexOf(':');
    if (colon > 0) headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
  }
  const bodyStart = end + 4;
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const parts = [];
    let at = bodyStart;
    for (;;) {
      const lineEnd = data.indexOf('\r\n', at, 'latin1');
      if (lineEnd < 0) return { needed: 0 };
      const size = parseInt(data.toString('latin1', at, lineEnd), 16);
      if (size === 0) {
        const trailerEnd = data.indexOf(HEADER_END, lineEnd);
        if (trailerEnd < 0) return { needed: 0 };
        return { status, headers, body: Buffer.concat(parts), rest: data.subarray(trailerEnd + 4) };
      }
      if (data.length < lineEnd + 2 + size + 2) return { needed: 0 };
      parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  const bodyEnd = bodyStart + Number(headers['content-length'] ?? 0);
  if (data.length < bodyEnd) return { needed: bodyEnd };
  return { status, headers, body: data.subarray(bodyStart, bodyEnd), rest: data.subarray(bodyEnd) };
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
    userModule = await withSdkFallback(() => importUserModule(base, require, moduleName, taskRoot));
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
  let next = await call('GET', '/invocation/next').catch(exitOnTransportError);
  for (;;) {
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
    if (outcome.error !== undefined) console.error('Invoke Error \t' + JSON.stringify(toRapidResponse(outcome.error)));
    // The answer and the next long poll leave together; the Runtime API answers both in order.
    const [posted, following] = pipelined(() => [
      outcome.error !== undefined ? postInvocationError(id, outcome.error) : postInvocationResponse(id, outcome.result),
      call('GET', '/invocation/next'),
    ]);
    await posted.catch(exitOnTransportError);
    next = await following.catch(exitOnTransportError);
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

// A prestarted runtime (the emulator's spare processes): the bootstrap is loaded, no user code yet. It says so on
// the private control channel and waits there until a cold start takes it; INIT is measured from then on.
const controlFd = env._LAMBDALOAD_CONTROL_FD;
if (controlFd !== undefined) {
  delete env._LAMBDALOAD_CONTROL_FD;
  await awaitGo(Number(controlFd));
}

function awaitGo(fd) {
  return new Promise((resolve) => {
    const channel = new net.Socket({ fd, readable: true, writable: true });
    let text = '';
    let settled = false;
    const done = (go) => {
      if (settled) return;
      settled = true;
      channel.destroy();
      // The emulator went away before this environment was needed: nothing to serve.
      if (!go) process.exit(0);
      resolve();
    };
    channel.setEncoding('latin1');
    channel.on('data', (chunk) => {
      text += chunk;
      if (text.includes('go\n')) done(true);
    });
    channel.on('end', () => done(text.includes('go\n')));
    channel.on('error', () => done(false));
    channel.write('ready\n');
  });
}

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
