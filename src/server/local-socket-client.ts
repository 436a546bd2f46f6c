import { request } from 'node:http';
import { zh } from '../text/zh.ts';

/**
 * Posts `body` as JSON to a route of the running bot's local socket (src/server/local-socket.ts)
 * and reads its JSON answer; null when no bot is listening there, so the caller opens the data
 * directory itself.
 */
export function postToLocalBot<T>(socketPath: string, route: string, body: object): Promise<T | null> {
  return new Promise((ok, fail) => {
    const req = request(
      { socketPath, path: route, method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          data += c;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) return fail(new Error(zh.chatLocalStatus(res.statusCode)));
          ok(JSON.parse(data) as T);
        });
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ECONNREFUSED') ok(null);
      else fail(e);
    });
    req.end(JSON.stringify(body));
  });
}
