import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * Who sent a request. Without a trusted proxy it is the TCP peer. With SAIMA_TRUST_PROXY (the
 * proxies' addresses or ranges, `loopback`, or a number of hops) it is the nearest address in
 * X-Forwarded-For that is not a trusted proxy: the same rule as Express's `trust proxy`, which the
 * web pages keep using, and the same library.
 */
export function sourceAddress(trustProxy: string | number | null): (req: IncomingMessage) => string {
  if (trustProxy === null) return (req) => req.socket.remoteAddress ?? '';
  const trust =
    typeof trustProxy === 'number'
      ? (_address: string, hop: number) => hop < trustProxy
      : proxyaddr.compile(trustProxy.split(',').map((s) => s.trim()));
  // proxyaddr gives undefined, whatever its types say, for a socket already closed
  return (req) => (req.socket.remoteAddress ? proxyaddr(req, trust) : '');
}
