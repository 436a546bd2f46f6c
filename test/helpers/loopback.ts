import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Serves an app on a free port of 127.0.0.1; resolves once it listens, with its base URL. */
export async function listenOnLoopback(app: {
  listen(port: number, host: string): Server;
}): Promise<{ server: Server; base: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
