/** Small real HTTP servers on 127.0.0.1 for the engine's integration tests. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url: string;
  /** Requests received so far. */
  received: number;
  /** Most requests being handled at once. */
  maxConcurrent: number;
  /** TCP connections accepted. */
  connections: number;
  close(): Promise<void>;
}

/** Starts a server; `handle` may answer later (the server counts concurrency until the response ends). */
export async function startServer(handle: (req: IncomingMessage, res: ServerResponse, index: number) => void): Promise<TestServer> {
  let concurrent = 0;
  const state = { received: 0, maxConcurrent: 0, connections: 0 };
  const server: Server = createServer((req, res) => {
    const index = state.received++;
    concurrent++;
    state.maxConcurrent = Math.max(state.maxConcurrent, concurrent);
    res.on('close', () => concurrent--);
    handle(req, res, index);
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    get connections() {
      return state.connections;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Answers 200 `ok` with the cold/warm and request-id headers, after `delayMs` if given. */
export function answerOk(delayMs = 0): (req: IncomingMessage, res: ServerResponse, index: number) => void {
  return (req, res, index) => {
    req.resume();
    const reply = (): void => {
      res.writeHead(200, {
        'content-type': 'text/plain',
        'x-lambdaload-start': index === 0 ? 'cold; init-ms=12.5; env=e-1' : 'warm; env=e-1',
        'apigw-requestid': `req-${index}`,
      });
      res.end('ok');
    };
    if (delayMs > 0) setTimeout(reply, delayMs);
    else reply();
  };
}
