/**
 * The trivial target of the closed, open and memory benchmarks: node:http answering "ok" to everything, as in the
 * reference figures (/work/shared/reference/benchmarking.md). Runs in its own process so generator and server are
 * separate processes, as with wrk or autocannon. Prints `listening on http://127.0.0.1:PORT` once it listens.
 * Usage: node bench/servers/ok-server.js [port]   (default 0: a free port)
 */
import { createServer } from 'node:http';

const BODY = Buffer.from('ok');
const server = createServer((req, res) => {
  // Read the request to its end before answering, as any real handler does.
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BODY.length });
    res.end(BODY);
  });
});
// Longer than any pause in a benchmark, so keep-alive sockets are never closed under a generator.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
// Node's default accept backlog (511) overflows when a generator opens hundreds of sockets at once on a busy
// machine: the dropped SYNs are retried 1 s later, which would show up as latency. 4096 is Linux's usual somaxconn.
server.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1', backlog: 4_096 }, () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
