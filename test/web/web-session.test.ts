import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { fiveColourPng } from '../../src/picture/five-colour-chart.ts';
import { rankUnits } from '../../src/race/ranking.ts';
import { readSettings } from '../../src/race/settings.ts';
import { createApp } from '../../src/server/app.ts';
import { html } from '../../src/web/html.ts';
import { WebNotFound, type WebPage } from '../../src/web/page.ts';
import { webRouter } from '../../src/web/web-app.ts';
import { csrfToken } from '../../src/web/web-guard.ts';
import { FilePersistence } from '../../storage/file-persistence.ts';
import { conversation, smallDistrict } from '../helpers/conversation.ts';
import { listenOnLoopback } from '../helpers/loopback.ts';
import { itEmbeddedOnly } from '../helpers/test-store.ts';

const PUBLIC = 'https://saima.example.gov.cn';
const servers: Server[] = [];

afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

type District = Awaited<ReturnType<typeof smallDistrict>>;

/** The web view of a district's store, served on 127.0.0.1 with the district's clock. */
async function serve(c: District, admins: string[] = ['admin']) {
  const app = createApp({
    store: c.store,
    routers: [
      webRouter({
        store: c.store,
        clock: c.clock,
        admins: new Set(admins),
        publicUrl: PUBLIC,
        logger: silentLogger,
      }),
    ],
    logger: silentLogger,
  });
  const { server, base } = await listenOnLoopback(app);
  servers.push(server);
  return base;
}

/** The path of the link in a 看板 reply (the reply names SAIMA_PUBLIC_URL; the test server is on 127.0.0.1). */
function linkPath(reply: string): string {
  const found = /https:\/\/saima\.example\.gov\.cn(\/login\/[A-Za-z0-9_-]+)/.exec(reply);
  if (!found) throw new Error(`no link in ${reply}`);
  return found[1] as string;
}

async function logIn(base: string, path: string): Promise<string> {
  const res = await fetch(base + path, { method: 'POST', redirect: 'manual', headers: { origin: base } });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/web/race');
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] as string;
}

async function district() {
  return smallDistrict({ now: '2026-11-20T10:00:00+08:00', publicUrl: PUBLIC });
}

describe('看板 in chat', () => {
  it('answers a registered member with a personal link under SAIMA_PUBLIC_URL', async () => {
    const c = await district();
    const reply = await c.say('看板', { as: 'lisi' });
    expect(reply).toContain('10 分钟内有效，只能用一次');
    expect(linkPath(reply)).toMatch(/^\/login\/[A-Za-z0-9_-]{40,}$/);
  });

  it('says how to set SAIMA_PUBLIC_URL when it is not set', async () => {
    const c = await smallDistrict({ now: '2026-11-20T10:00:00+08:00' });
    const reply = await c.say('看板', { as: 'lisi' });
    expect(reply).toContain('SAIMA_PUBLIC_URL');
    expect(reply).not.toContain('/login/');
  });

  it('gives no link in a group, where anyone could open it first', async () => {
    const c = await district();
    const reply = await c.say('看板', { as: 'lisi', chat: 'group-1' });
    expect(reply).toContain('单聊');
    expect(reply).not.toContain('/login/');
  });

  it('gives a stranger no link', async () => {
    const c = await district();
    const reply = await c.say('看板', { as: 'nobody' });
    expect(reply).not.toContain('/login/');
  });
});

describe('the login link', () => {
  it('is not used up by a GET (a chat app fetching a preview), only by the button', async () => {
    const c = await district();
    const base = await serve(c);
    const path = linkPath(await c.say('看板', { as: 'lisi' }));
    for (let i = 0; i < 3; i++) {
      const page = await fetch(base + path);
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain('李四');
      expect(text).toContain(`action="${path}"`);
      expect(page.headers.get('set-cookie')).toBeNull();
    }
    const cookie = await logIn(base, path);
    const race = await fetch(`${base}/web/race`, { headers: { cookie }, redirect: 'manual' });
    expect(race.status).toBe(200);
    expect(await race.text()).toContain('晾晒');
  });

  it('sets an HttpOnly, SameSite=Strict, Secure (behind https) cookie for 8 hours', async () => {
    const c = await district();
    const base = await serve(c);
    const path = linkPath(await c.say('看板', { as: 'lisi' }));
    const res = await fetch(base + path, { method: 'POST', redirect: 'manual', headers: { origin: base } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^saima_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('Max-Age=28800');
  });

  it('works once', async () => {
    const c = await district();
    const base = await serve(c);
    const path = linkPath(await c.say('看板', { as: 'lisi' }));
    await logIn(base, path);
    const again = await fetch(base + path, { method: 'POST', redirect: 'manual', headers: { origin: base } });
    expect(again.status).toBe(404);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('已经用过、已过期或不存在');
    expect((await fetch(base + path)).status).toBe(404);
  });

  it('gives one session to two requests sent at once', async () => {
    const c = await district();
    const base = await serve(c);
    const path = linkPath(await c.say('看板', { as: 'lisi' }));
    const both = await Promise.all(
      [1, 2].map(() => fetch(base + path, { method: 'POST', redirect: 'manual', headers: { origin: base } })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([303, 404]);
  });

  it('expires after 10 minutes', async () => {
    const c = await district();
    const base = await serve(c);
    const path = linkPath(await c.say('看板', { as: 'lisi' }));
    c.setNow('2026-11-20T10:10:01+08:00');
    expect((await fetch(base + path)).status).toBe(404);
    const post = await fetch(base + path, { method: 'POST', redirect: 'manual', headers: { origin: base } });
    expect(post.status).toBe(404);
    expect(post.headers.get('set-cookie')).toBeNull();
  });

  it('is refused from another site (a login planted by someone else)', async () => {
    const c = await district();
    const base = await serve(c);
    const path = linkPath(await c.say('看板', { as: 'lisi' }));
    const forged = await fetch(base + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(404);
    expect(forged.headers.get('set-cookie')).toBeNull();
    // still usable by its owner
    await logIn(base, path);
  });

  it('an unknown link gets the same answer as a used one', async () => {
    const c = await district();
    const base = await serve(c);
    const unknown = await fetch(`${base}/login/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('已经用过、已过期或不存在');
  });
});

describe('a session', () => {
  it('is needed for every page and for the picture: without one, a redirect and no data', async () => {
    const c = await district();
    const base = await serve(c);
    for (const path of ['/web/race', '/web/race/chart.png', '/web/projects', '/web/nothing-here', '/']) {
      const res = await fetch(base + path, { redirect: 'manual' });
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toMatch(/^\/web\/(login-needed|race)$/);
      expect(await res.text(), path).not.toContain('工业园区管委会');
    }
    const needed = await fetch(`${base}/web/login-needed`);
    expect(needed.status).toBe(401);
    expect(await needed.text()).toContain('发送「看板」');
  });

  it('with a made-up cookie is no session', async () => {
    const c = await district();
    const base = await serve(c);
    const res = await fetch(`${base}/web/race`, {
      headers: { cookie: `saima_session=${'a'.repeat(43)}` },
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
  });

  it('ends after 8 hours', async () => {
    const c = await district();
    const base = await serve(c);
    const cookie = await logIn(base, linkPath(await c.say('看板', { as: 'lisi' })));
    c.setNow('2026-11-20T17:59:00+08:00');
    expect((await fetch(`${base}/web/race`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
    c.setNow('2026-11-20T18:00:01+08:00');
    expect((await fetch(`${base}/web/race`, { headers: { cookie }, redirect: 'manual' })).status).toBe(303);
  });

  it('stops at once when the member is 停用 or 删除', async () => {
    for (const command of ['停用成员 李四', '删除成员 李四']) {
      const c = await district();
      const base = await serve(c);
      const cookie = await logIn(base, linkPath(await c.say('看板', { as: 'lisi' })));
      expect((await fetch(`${base}/web/race`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
      await c.say(command, { as: 'admin' });
      const after = await fetch(`${base}/web/race`, { headers: { cookie }, redirect: 'manual' });
      expect(after.status, command).toBe(303);
      expect(after.headers.get('location')).toBe('/web/login-needed');
      // and it is gone from the store, so 启用成员 does not bring it back
      await c.say('启用成员 lisi', { as: 'admin' });
      expect((await fetch(`${base}/web/race`, { headers: { cookie }, redirect: 'manual' })).status).toBe(303);
    }
  });

  it('a link asked for before 停用 cannot be used after it', async () => {
    const c = await district();
    const base = await serve(c);
    const path = linkPath(await c.say('看板', { as: 'lisi' }));
    await c.say('停用成员 李四', { as: 'admin' });
    const post = await fetch(base + path, { method: 'POST', redirect: 'manual', headers: { origin: base } });
    expect(post.status).toBe(404);
  });

  itEmbeddedOnly('survives a restart: it is in the data directory, as a hash only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saima-web-session-'));
    const now = '2026-11-20T10:00:00+08:00';
    const first = await smallDistrict({ now, persistence: new FilePersistence(dir), publicUrl: PUBLIC });
    const path = linkPath(await first.say('看板', { as: 'lisi' }));
    const cookie = await logIn(await serve(first), path);
    await first.store.close();

    const again = await conversation({ now, persistence: new FilePersistence(dir) });
    const base2 = await serve(again);
    const res = await fetch(`${base2}/web/race`, { headers: { cookie }, redirect: 'manual' });
    expect(res.status).toBe(200);
    await again.store.close();

    const secret = cookie.split('=')[1] as string;
    const linkSecret = path.split('/').pop() as string;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (!statSync(p).isFile()) continue;
      const text = readFileSync(p, 'latin1');
      expect(text.includes(secret), name).toBe(false);
      expect(text.includes(linkSecret), name).toBe(false);
    }
  });
});

describe('state-changing requests', () => {
  async function loggedIn() {
    const c = await district();
    const base = await serve(c);
    const cookie = await logIn(base, linkPath(await c.say('看板', { as: 'lisi' })));
    const page = await (await fetch(`${base}/web/race`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] as string;
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    return { c, base, cookie, csrf };
  }
  const stillIn = async (base: string, cookie: string) =>
    (await fetch(`${base}/web/race`, { headers: { cookie }, redirect: 'manual' })).status === 200;

  it('退出 without the CSRF token is refused and the session stays', async () => {
    const { base, cookie } = await loggedIn();
    const res = await fetch(`${base}/web/logout`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(res.status).toBe(403);
    expect(await stillIn(base, cookie)).toBe(true);
  });

  it('退出 with a wrong token, or from another origin, is refused', async () => {
    const { base, cookie, csrf } = await loggedIn();
    const wrong = await fetch(`${base}/web/logout`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${'b'.repeat(csrf.length)}`,
    });
    expect(wrong.status).toBe(403);
    const crossSite = await fetch(`${base}/web/logout`, {
      method: 'POST',
      headers: {
        cookie,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `csrf=${csrf}`,
    });
    expect(crossSite.status).toBe(403);
    expect(await stillIn(base, cookie)).toBe(true);
  });

  it('退出 with the token ends the session and clears the cookie', async () => {
    const { base, cookie, csrf } = await loggedIn();
    const res = await fetch(`${base}/web/logout`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${csrf}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(await stillIn(base, cookie)).toBe(false);
  });
});

describe('what the web view sends', () => {
  it('a Content-Security-Policy that allows only the site itself', async () => {
    const c = await district();
    const base = await serve(c);
    for (const path of ['/web/login-needed', `/login/${'x'.repeat(43)}`]) {
      const csp = (await fetch(base + path)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toMatch(/https?:/);
    }
  });

  it('ECharts from the npm package and its own CSS, cached by version', async () => {
    const c = await district();
    const base = await serve(c);
    const page = await (await fetch(`${base}/web/login-needed`)).text();
    const css = /href="(\/web\/assets\/web\.css\?v=[^"]+)"/.exec(page)?.[1] as string;
    const res = await fetch(base + css);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/css');
    expect(res.headers.get('cache-control')).toContain('max-age=31536000');
    const echarts = await fetch(`${base}/web/assets/echarts.min.js`);
    const npm = readFileSync(join(import.meta.dirname, '../../node_modules/echarts/dist/echarts.min.js'));
    expect(Buffer.from(await echarts.arrayBuffer()).equals(npm)).toBe(true);
    const etag = echarts.headers.get('etag') as string;
    const cached = await fetch(`${base}/web/assets/echarts.min.js`, { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect((await fetch(`${base}/web/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('pages mounted through the registry', () => {
  const testPages: WebPage[] = [
    { path: '/web/for-admins', title: 'admins', access: 'admin', render: () => html`<p>admin only</p>` },
    {
      path: '/web/thing/:id',
      title: 'thing',
      render: (ctx) => {
        if (ctx.params.id !== 'mine') throw new WebNotFound();
        return html`<p>${ctx.viewer.name} ${ctx.query.q ?? ''}</p>`;
      },
    },
    {
      method: 'POST',
      path: '/web/upload',
      title: 'upload',
      body: { kind: 'raw', maxBytes: 1024 },
      render: (ctx) => html`<p>got ${ctx.raw?.length ?? -1} bytes</p>`,
    },
  ];

  async function served() {
    const c = await district();
    const app = createApp({
      store: c.store,
      routers: [
        webRouter({
          store: c.store,
          clock: c.clock,
          admins: new Set(['admin']),
          publicUrl: PUBLIC,
          logger: silentLogger,
          pages: testPages,
        }),
      ],
      logger: silentLogger,
    });
    const { server, base } = await listenOnLoopback(app);
    servers.push(server);
    const member = await logIn(base, linkPath(await c.say('看板', { as: 'lisi' })));
    const admin = await logIn(base, linkPath(await c.say('看板', { as: 'admin' })));
    return { base, member, admin };
  }

  it('a page above the viewer’s role answers exactly like a page that does not exist', async () => {
    const { base, member, admin } = await served();
    const refused = await fetch(`${base}/web/for-admins`, { headers: { cookie: member } });
    const missing = await fetch(`${base}/web/no-such-page`, { headers: { cookie: member } });
    const hidden = await fetch(`${base}/web/thing/theirs`, { headers: { cookie: member } });
    expect([refused.status, missing.status, hidden.status]).toEqual([404, 404, 404]);
    const [a, b, h] = await Promise.all([refused.text(), missing.text(), hidden.text()]);
    expect(a).toBe(b);
    expect(h).toBe(b);
    expect((await fetch(`${base}/web/for-admins`, { headers: { cookie: admin } })).status).toBe(200);
  });

  it('escapes what the request carries', async () => {
    const { base, member } = await served();
    const page = await (
      await fetch(`${base}/web/thing/mine?q=${encodeURIComponent('<script>alert(1)</script>')}`, {
        headers: { cookie: member },
      })
    ).text();
    expect(page).toContain('李四 &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('an upload needs the CSRF token in X-CSRF-Token and a same-origin request', async () => {
    const { base, member } = await served();
    const token = csrfToken(member.split('=')[1] as string);
    const body = Buffer.alloc(100, 1);
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/web/upload`, { method: 'POST', headers: { cookie: member, ...headers }, body });
    expect((await post({ origin: base })).status).toBe(403);
    expect((await post({ origin: 'https://evil.example', 'x-csrf-token': token })).status).toBe(403);
    const ok = await post({ origin: base, 'x-csrf-token': token });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('got 100 bytes');
  });
});

describe('下载图片', () => {
  it('is the PNG chat pushes with 季度晾晒, byte for byte', async () => {
    const c = await district();
    const base = await serve(c);
    const cookie = await logIn(base, linkPath(await c.say('看板', { as: 'lisi' })));
    await c.say('季度晾晒', { as: 'lisi' });
    const picture = c.lastReply()?.picture;
    expect(picture).toBeDefined();
    // what src/main.ts's pictureFor renders for a reply's picture
    const settings = readSettings(c.store);
    const pushed = await fiveColourPng(
      rankUnits(c.store, picture?.asOf as string, settings),
      picture?.title as string,
      settings,
    );
    const res = await fetch(`${base}/web/race/chart.png?period=quarter`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(
      `${picture?.title}.png`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(pushed)).toBe(true);
  });
});
