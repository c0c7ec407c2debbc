/**
 * What every bench server does around its handler: keep-alive longer than any pause in a benchmark (sockets are
 * never closed under a generator), an accept backlog of 4096 (Node's default 511 overflows when a generator opens
 * hundreds of sockets at once on a busy machine, and a dropped SYN retried 1 s later would show up as latency;
 * 4096 is Linux's usual somaxconn), the `listening on URL` line the bench waits for, and a clean stop on signals.
 */
export function listenForBench(server, port, onListening = () => {}) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen({ port, host: '127.0.0.1', backlog: 4_096 }, () => {
    onListening();
    process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
