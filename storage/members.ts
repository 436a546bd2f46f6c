import { UserError } from '../src/core/errors.ts';
import { zh } from '../src/text/zh.ts';
import { type LocalDate, localDate } from '../src/time/clock.ts';
import { Aggregate, stamp } from './aggregate.ts';
import type { ChangeMeta } from './ledger.ts';
import type { Member, MemberStatus, Role } from './schema.ts';

/** The roster: who the bot knows, their unit and role, 停用/删除, and 本期无进展. */
export class Members extends Aggregate {
  /** Frozen: every message looks up its sender here. */
  memberByAccount(account: string): Readonly<Member> | null {
    return this.view((d) => {
      const [id] = this.ledger.idsBy('membersByAccount', account);
      return id === undefined ? null : (d.members[id] ?? null);
    });
  }

  /** The member on the roster with this name (a removed member's name no longer names anyone). */
  memberByName(name: string): Member | null {
    return this.copy((d) => {
      for (const id of this.ledger.idsBy('membersByName', name)) {
        const m = d.members[id];
        if (m && m.status !== 'removed') return m;
      }
      return null;
    });
  }

  /** A member by account, else by name on the roster, else by the name of a removed member. */
  findMember(ref: string): Member | null {
    return this.copy((d) => {
      const all = Object.values(d.members);
      return (
        all.find((m) => m.account === ref) ??
        all.find((m) => m.name === ref && m.status !== 'removed') ??
        all
          .filter((m) => m.name === ref)
          .sort((a, b) => (b.statusAt ?? '').localeCompare(a.statusAt ?? ''))[0] ??
        null
      );
    });
  }

  /** Names of removed members that no member on the roster carries: projects they own need a new owner. */
  removedMemberNames(): Set<string> {
    return this.ledger.read((d) => {
      const all = Object.values(d.members);
      const onRoster = new Set(all.filter((m) => m.status !== 'removed').map((m) => m.name));
      return new Set(all.filter((m) => m.status === 'removed' && !onRoster.has(m.name)).map((m) => m.name));
    });
  }

  members(): Member[] {
    return this.copy((d) => Object.values(d.members));
  }

  /** Adds a member, or updates the one with the same account (name, unit, role). */
  upsertMember(
    meta: ChangeMeta,
    input: { name: string; account: string; unitId: string | null; role: Role },
  ): { member: Member; created: boolean } {
    return this.write(meta, (tx) => {
      const [existing] = tx.find<'members'>('membersByAccount', input.account);
      const sameName = tx
        .find<'members'>('membersByName', input.name)
        .find((m) => m.account !== input.account && m.status !== 'removed');
      if (sameName) throw new UserError(zh.memberNameTaken(input.name, sameName.account));
      const member: Member = existing
        ? withStatus(
            { ...structuredClone(existing), name: input.name, unitId: input.unitId, role: input.role },
            existing.status === 'removed' ? null : (existing.status ?? null),
            meta,
          )
        : {
            id: `M${String(tx.next('member')).padStart(4, '0')}`,
            ...input,
            createdAt: stamp(meta),
          };
      tx.put('members', member);
      tx.summary = zh.summaryMember(Boolean(existing), member.name, member.account);
      return { member, created: !existing };
    });
  }

  /** 停用成员: the bot treats them as unknown from now on; their records keep their account and name. */
  deactivateMember(meta: ChangeMeta, memberId: string): Member {
    return this.changeMemberStatus(meta, memberId, 'inactive');
  }

  /** 启用成员: back to active, from 停用 or 删除. */
  activateMember(meta: ChangeMeta, memberId: string): Member {
    return this.changeMemberStatus(meta, memberId, null);
  }

  /** 删除成员: off the roster; the record stays so history still shows their name. */
  removeMember(meta: ChangeMeta, memberId: string): Member {
    return this.changeMemberStatus(meta, memberId, 'removed');
  }

  /**
   * 本期无进展: the member counts as reported from this day (src/push/report-period.ts); saying it again
   * in the same period writes nothing and answers `already`.
   */
  declareNoProgress(
    meta: ChangeMeta,
    memberId: string,
    periodStart: LocalDate,
  ): { member: Member; already: boolean } {
    const existing = this.copy((d) => d.members[memberId] ?? null);
    if (!existing) throw new UserError(zh.noProgressNotMember);
    if (existing.noProgressOn && existing.noProgressOn >= periodStart)
      return { member: existing, already: true };
    const member = this.write(meta, (tx) => {
      const current = tx.get('members', memberId);
      if (!current) throw new UserError(zh.noProgressNotMember);
      const next: Member = { ...current, noProgressOn: localDate(meta.at) };
      tx.put('members', next);
      tx.summary = zh.summaryNoProgress(next.name);
      return next;
    });
    return { member, already: false };
  }

  protected changeMemberStatus(meta: ChangeMeta, memberId: string, status: MemberStatus | null): Member {
    return this.write(meta, (tx) => {
      const current = tx.get('members', memberId);
      if (!current) throw new UserError(zh.memberUnknown(memberId));
      if ((current.status ?? null) === status) throw new UserError(zh.memberAlready(current.name, status));
      if (status === null) {
        const clash = tx
          .find<'members'>('membersByName', current.name)
          .find((m) => m.id !== current.id && m.status !== 'removed');
        if (clash) throw new UserError(zh.memberNameTaken(current.name, clash.account));
      }
      const member = withStatus(current, status, meta);
      tx.put('members', member);
      tx.summary = zh.summaryMemberStatus(status, member.name, member.account);
      return member;
    });
  }
}

/** Whether the bot still knows this member (neither 停用 nor 删除). */
export function isActiveMember(m: Readonly<Member>): boolean {
  return m.status === undefined;
}

function withStatus(member: Member, status: MemberStatus | null, meta: ChangeMeta): Member {
  const { status: _s, statusAt: _a, statusBy: _b, ...rest } = member;
  if (status === null) return rest;
  if (status === member.status) return member;
  return { ...rest, status, statusAt: stamp(meta), statusBy: meta.actor };
}
