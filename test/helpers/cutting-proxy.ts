import { createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a PostgreSQL server that can cut every connection at the
 * moment a client sends a statement containing some text: either before the statement reaches the
 * server (it never runs) or right after (it runs, and its answer is lost on the way back).
 */
export class CuttingProxy {
  private readonly server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private rule: { text: Buffer; when: 'before' | 'after' } | null = null;
  /** How many connections were cut. */
  cuts = 0;

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
    server: Server,
  ) {
    this.server = server;
  }

  static async start(target: { host: string; port: number }): Promise<CuttingProxy> {
    let proxy: CuttingProxy | null = null;
    const server = createServer((client) => proxy?.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('proxy has no port');
    proxy = new CuttingProxy(target, address.port, server);
    return proxy;
  }

  /** The next statement containing `text` cuts every connection, `before` or `after` it reaches the server. */
  cutAt(text: string, when: 'before' | 'after'): void {
    this.rule = { text: Buffer.from(text), when };
  }

  private accept(client: Socket): void {
    const upstream = new (client.constructor as typeof Socket)();
    upstream.connect(this.target.port, this.target.host);
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('data', (chunk) => {
      const rule = this.rule;
      if (rule && chunk.includes(rule.text)) {
        this.rule = null;
        this.cuts++;
        if (rule.when === 'after') {
          // the statement reaches the server; the connection dies before its answer comes back
          upstream.write(chunk, () => setTimeout(() => this.cutAll(), 50));
          client.pause();
          upstream.removeAllListeners('data');
        } else this.cutAll();
        return;
      }
      upstream.write(chunk);
    });
  }

  private cutAll(): void {
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
