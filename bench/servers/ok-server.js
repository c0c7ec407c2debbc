/**
 * The trivial target of the closed, open and memory benchmarks: node:http answering "ok" to everything, as in the
 * reference figures (../shared/reference/benchmarking.md from the project's root). Runs in its own process so generator and server are
 * separate processes, as with wrk or autocannon. Prints `listening on http://127.0.0.1:PORT` once it listens.
 * Usage: node bench/servers/ok-server.js [port]   (default 0: a free port)
 */
import { createServer } from 'node:http';
import { listenForBench } from './listen.js';

const BODY = Buffer.from('ok');
const server = createServer((req, res) => {
  // Read the request to its end before answering, as any real handler does.
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BODY.length });
    res.end(BODY);
  });
});
listenForBench(server, Number(process.argv[2] ?? 0));
