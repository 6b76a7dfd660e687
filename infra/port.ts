import { createServer, type Server } from 'node:net';

/** The HTTP port is taken; the message says what to do, in one line. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`PORT ${port} is in use by another program; stop it or set PORT to a free port`);
    this.name = 'PortInUseError';
  }
}

/** Listens, or rejects (a busy port as PortInUseError) instead of emitting an 'error' nobody handles. */
export function listen(server: Pick<Server, 'listen' | 'once' | 'off'>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error);
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

/**
 * Checked before any database work, so a busy port costs no migration and leaves no embedded
 * database behind. Another program can still take the port before Arkivlos listens; then
 * `listen` gives the same error.
 */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port, host);
  await new Promise((resolve) => probe.close(resolve));
}
