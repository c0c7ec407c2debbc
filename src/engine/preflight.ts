/**
 * Before any phase starts, one TCP connect to the target's origin: an unreachable target fails the run at once
 * with a clear error (exit 4) instead of a run full of ECONNREFUSED samples.
 */
import { connect } from 'node:net';
import { LambdaloadError } from '../errors.js';

/** Hints for the causes a user can do something about. */
const HINTS: Record<string, string> = {
  ECONNREFUSED: 'Nothing is listening there. Is the server or emulator running, and are the host and port right?',
  ENOTFOUND: 'The host name does not resolve. Check the URL for a typo, or your DNS / VPN.',
  EAI_AGAIN: 'DNS lookup failed for now. Check your network or DNS, then retry.',
  EHOSTUNREACH: 'No route to the host. Check the network, VPN or firewall.',
  ENETUNREACH: 'The network is unreachable. Check your connection.',
  TIMEOUT: 'The TCP connect did not complete in time: a firewall, a VPN or a wrong host are the usual causes.',
};

/** Connects once to `url`'s host and port, then closes. Rejects with `TARGET_UNREACHABLE` naming the URL and cause. */
export async function checkReachable(url: URL, timeoutMs: number): Promise<void> {
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  // URL keeps IPv6 hosts in brackets; net.connect wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (code: string, cause: unknown): void => {
      socket.destroy();
      reject(
        new LambdaloadError('TARGET_UNREACHABLE', `Cannot reach ${url.href}: ${code}`, {
          hint: HINTS[code] ?? 'Check that the URL is right and the target is up.',
          cause,
        }),
      );
    };
    socket.setTimeout(timeoutMs, () => fail('TIMEOUT', new Error(`TCP connect to ${host}:${port} timed out after ${timeoutMs} ms`)));
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message, error));
  });
}
