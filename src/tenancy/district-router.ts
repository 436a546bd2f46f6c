import { isActiveMember, type Store } from '../../storage/store.ts';
import type { Answerer, Received } from '../core/bot.ts';
import type { IncomingMessage } from '../core/incoming.ts';
import type { Matcher } from '../core/matcher.ts';
import type { Reply } from '../core/reply.ts';
import { normalize } from '../reader/normalize.ts';

/** One ledger of the deployment as the router sees it: its bot, and what says who and which chats are its own. */
export interface Tenant {
  id: string;
  store: Store;
  bot: Answerer;
  /** Its admins by configuration (they need not have been added as members). */
  admins: ReadonlySet<string>;
}

/** The city level: its own ledger and the commands only it answers. */
export interface CityTenant extends Tenant {
  matcher: Matcher;
  only: ReadonlySet<string>;
}

/** Late replies come seconds after their answer; this many recent messages cover any burst. */
const ANSWERED_KEPT = 5000;

/**
 * Sends each message to the one ledger it belongs to, so nothing of one district is ever read by
 * another's bot:
 * - a city admin's city-only command (区县晾晒) goes to the city, wherever it is typed;
 * - a chat bound in a district belongs to that district, whoever writes in it (a stranger there is
 *   refused by that district's bot, as in a one-district deployment);
 * - otherwise the sender's own district: the one whose admins or active members they are in;
 * - a city admin with no district gets the city; anyone else gets the city's bot too, which knows
 *   no member and answers as any district answers a stranger.
 */
export class DistrictRouter implements Answerer {
  private readonly byId: ReadonlyMap<string, Tenant>;
  /**
   * Who answered each message (by platform message id; a retry is another object): its late reply is
   * queued there even if a binding changed since.
   */
  private readonly answeredBy = new Map<string, Tenant>();
  private readonly answeredUnnamed = new WeakMap<IncomingMessage, Tenant>();

  constructor(
    private readonly districts: ReadonlyArray<Tenant>,
    private readonly city: CityTenant | null,
    private readonly botNames: readonly string[],
  ) {
    this.byId = new Map([...districts, ...(city ? [city] : [])].map((d) => [d.id, d]));
  }

  /** The ledger a message is answered from (also where its late reply is queued). */
  tenantFor(message: IncomingMessage): Tenant {
    const only = this.districts[0];
    if (!this.city && only && this.districts.length === 1) return only;
    const city = this.city;
    if (city?.admins.has(message.senderId) && this.isCityCommand(message)) return city;
    if (message.chatId) {
      const bound = this.boundBy(message.platform, message.chatId);
      // bound by two districts (a race between instances): nobody's, answered as a stranger's chat
      if (bound.length > 1) return this.city ?? (bound[0] as Tenant);
      if (bound[0]) return bound[0];
    }
    const own = this.districtOf(message.senderId);
    if (own) return own;
    return this.city ?? (only as Tenant);
  }

  /**
   * The district an account belongs to, by configuration or membership; null for none, and null
   * when two districts hold it (only a race between instances can do that): it is then nobody's.
   */
  districtOf(account: string): Tenant | null {
    const holders = this.holdersOf(account);
    return holders.length === 1 ? (holders[0] as Tenant) : null;
  }

  /** Whether a district other than `district` bound this chat too. */
  boundElsewhere(platform: string, chatId: string, district: string): boolean {
    return this.boundBy(platform, chatId).some((d) => d.id !== district);
  }

  private boundBy(platform: string, chatId: string): Tenant[] {
    return this.districts.filter((d) => d.store.binding(platform, chatId) !== null);
  }

  /** Whether a district other than `district` (or the city, as its admin) holds the account. */
  heldElsewhere(account: string, district: string): boolean {
    if (this.city?.admins.has(account)) return true;
    return this.holdersOf(account).some((d) => d.id !== district);
  }

  private holdersOf(account: string): Tenant[] {
    return this.districts.filter((d) => {
      if (d.admins.has(account)) return true;
      const m = d.store.memberByAccount(account);
      return m !== null && isActiveMember(m);
    });
  }

  tenant(id: string): Tenant | null {
    return this.byId.get(id) ?? null;
  }

  /** The ledger that answered this message (or would answer it now): where its late reply is kept. */
  replyLedger(message: IncomingMessage): Tenant {
    const key = message.messageId ? `${message.platform}:${message.messageId}` : null;
    return (key ? this.answeredBy.get(key) : this.answeredUnnamed.get(message)) ?? this.tenantFor(message);
  }

  /**
   * `tenantFor`, asked again once the districts have caught up when it found no district for the
   * sender: on a shared database the member added through the other instance a moment ago is not
   * yet known here, and would be answered as a stranger.
   */
  private async routed(message: IncomingMessage): Promise<Tenant> {
    const tenant = this.tenantFor(message);
    const city = this.city;
    if (!city || tenant !== city || city.admins.has(message.senderId)) return tenant;
    if (!this.districts.some((d) => d.store.shared)) return tenant;
    const caughtUp = await Promise.all(this.districts.map((d) => d.store.refresh()));
    return caughtUp.some(Boolean) ? this.tenantFor(message) : tenant;
  }

  private answering(message: IncomingMessage, tenant: Tenant): Tenant {
    if (!message.messageId) {
      this.answeredUnnamed.set(message, tenant);
      return tenant;
    }
    this.answeredBy.set(`${message.platform}:${message.messageId}`, tenant);
    if (this.answeredBy.size > ANSWERED_KEPT)
      this.answeredBy.delete(this.answeredBy.keys().next().value as string);
    return tenant;
  }

  async receive(message: IncomingMessage): Promise<Received> {
    const tenant = this.answering(message, await this.routed(message));
    const received = await tenant.bot.receive(message);
    return received.kind === 'dropped'
      ? received
      : { ...received, reply: stamped(received.reply, tenant.id) };
  }

  async answerDurably(message: IncomingMessage): Promise<Reply> {
    const tenant = this.answering(message, await this.routed(message));
    return stamped(await tenant.bot.answerDurably(message), tenant.id);
  }

  alreadyHandled(message: IncomingMessage): boolean {
    return this.tenantFor(message).bot.alreadyHandled(message);
  }

  private isCityCommand(message: IncomingMessage): boolean {
    const city = this.city as CityTenant;
    const text = normalize(message.text, { botNames: this.botNames }).text;
    const hit = city.matcher.match(text);
    return hit !== null && city.only.has(hit.spec.id);
  }
}

/** A picture is drawn from the ledger that answered: the reply says which. */
function stamped(reply: Reply, ledger: string): Reply {
  return reply.picture ? { ...reply, picture: { ...reply.picture, ledger } } : reply;
}
