import { UserError } from '../src/core/errors.ts';
import { zh } from '../src/text/zh.ts';
import { Aggregate, stamp } from './aggregate.ts';
import { freeze } from './frozen.ts';
import type { ChangeMeta } from './ledger.ts';
import type { Binding, Chain, Indicator, Scope, Target, Unit, UnitType } from './schema.ts';
import { scopeKey } from './scope.ts';

/** Per ledger, the stored setting values last handed out and the records they were read from. */
const storedSettingsSeen = new WeakMap<
  object,
  { records: readonly unknown[]; values: Readonly<Record<string, unknown>> }
>();

/** A chain as `chains()` hands it out: frozen, its member list too. */
export type FrozenChain = Readonly<Omit<Chain, 'memberUnitIds'>> & {
  readonly memberUnitIds: readonly string[];
};

/** The bureau's shape: units, task forces (专班), bound groups, targets and settings. */
export class Organisation extends Aggregate {
  /** Frozen: named on every project card and list line. */
  unit(id: string): Readonly<Unit> | null {
    return this.view((d) => d.units[id] ?? null);
  }

  unitByName(name: string): Unit | null {
    return this.copy((d) => findUnit(Object.values(d.units), name));
  }

  units(): Unit[] {
    return this.copy((d) => Object.values(d.units));
  }

  targets(filter: (t: Readonly<Target>) => boolean = () => true): Target[] {
    return this.copy((d) => Object.values(d.targets).filter(filter));
  }

  /** Stored setting values by key; defaults live with the code that reads them. */
  settingValues(): Record<string, unknown> {
    return this.copy((d) => Object.fromEntries(Object.values(d.settings).map((x) => [x.id, x.value])));
  }

  /**
   * The same values frozen, and the same object until a setting changes (a change replaces the
   * records it touches), so that what is read from them can be kept with them: every answer that
   * shows a light or a ranking reads the settings.
   */
  storedSettings(): Readonly<Record<string, unknown>> {
    return this.ledger.read((d) => {
      const records = Object.values(d.settings);
      const seen = storedSettingsSeen.get(this.ledger);
      if (seen && seen.records.length === records.length && seen.records.every((r, i) => r === records[i]))
        return seen.values;
      const values = freeze(Object.fromEntries(records.map((x) => [x.id, x.value])));
      storedSettingsSeen.set(this.ledger, { records, values });
      return values;
    });
  }

  /** Frozen, not copied: every member's message asks for them (src/domain/visibility.ts). */
  chains(): ReadonlyArray<FrozenChain> {
    return this.view((d) => Object.values(d.chains).sort((a, b) => a.name.localeCompare(b.name, 'zh')));
  }

  chain(name: string): Chain | null {
    return this.copy((d) => d.chains[name] ?? null);
  }

  binding(platform: string, chatId: string): Binding | null {
    return this.copy((d) => d.bindings[bindingId(platform, chatId)] ?? null);
  }

  bindings(): Binding[] {
    return this.copy((d) => Object.values(d.bindings));
  }

  addUnit(meta: ChangeMeta, input: { name: string; type: UnitType }): Unit {
    return this.add(
      meta,
      'units',
      (tx) => {
        if (findUnit(tx.list('units'), input.name)) throw new UserError(zh.unitExists(input.name));
        return {
          id: `U${String(tx.next('unit')).padStart(3, '0')}`,
          name: input.name,
          type: input.type,
          createdAt: stamp(meta),
        };
      },
      (unit) => zh.summaryUnitAdded(unit.name, unit.type),
    );
  }

  /** 修改单位: a new name (unique) or type; everything links to the unit by id, so nothing else changes. */
  updateUnit(
    meta: ChangeMeta,
    unitId: string,
    patch: { name?: string; type?: UnitType },
  ): { before: Unit; after: Unit } {
    return this.write(meta, (tx) => {
      const unit = tx.get('units', unitId);
      if (!unit) throw new UserError(zh.unitUnknown(unitId));
      const before = structuredClone(unit);
      if (patch.name !== undefined && patch.name !== unit.name) {
        const clash = findUnit(
          tx.list('units').filter((u) => u.id !== unit.id),
          patch.name,
        );
        if (clash) throw new UserError(zh.unitExists(patch.name));
        unit.name = patch.name;
      }
      if (patch.type !== undefined) unit.type = patch.type;
      if (unit.name === before.name && unit.type === before.type)
        throw new UserError(zh.unitUnchanged(unit.name));
      tx.put('units', unit);
      tx.summary = zh.summaryUnitEdited(before.name, unit.name, unit.type);
      return { before, after: unit };
    });
  }

  setTargets(
    meta: ChangeMeta,
    input: {
      scope: Scope;
      year: number;
      tier: string;
      values: Array<{ indicator: Indicator; value: number }>;
    },
  ): Target[] {
    return this.write(meta, (tx) => {
      const out = input.values.map(({ indicator, value }) => {
        const target: Target = {
          id: [scopeKey(input.scope), input.year, input.tier, indicator].join('|'),
          scope: input.scope,
          year: input.year,
          tier: input.tier,
          indicator,
          value,
          by: meta.actor,
          at: stamp(meta),
        };
        tx.put('targets', target);
        return target;
      });
      tx.summary = zh.summaryTarget(scopeKey(input.scope), input.year, input.tier);
      return out;
    });
  }

  bindChat(meta: ChangeMeta, input: { platform: string; chatId: string; scope: Scope }): Binding {
    return this.add(
      meta,
      'bindings',
      () => ({ id: bindingId(input.platform, input.chatId), ...input, by: meta.actor, at: stamp(meta) }),
      (binding) => zh.summaryBinding(scopeKey(binding.scope)),
    );
  }

  setSettings(meta: ChangeMeta, values: Record<string, unknown>, summary: string): void {
    this.write(meta, (tx) => {
      for (const [id, value] of Object.entries(values))
        tx.put('settings', { id, value, by: meta.actor, at: stamp(meta) });
      tx.summary = zh.summarySettings(summary);
    });
  }

  /** Creates or replaces a task force; the chain name is its id. */
  setChain(meta: ChangeMeta, input: Omit<Chain, 'id' | 'by' | 'at'>): Chain {
    return this.add(
      meta,
      'chains',
      (tx) => {
        for (const unitId of [input.leadUnitId, ...input.memberUnitIds]) {
          if (unitId && !tx.get('units', unitId)) throw new UserError(zh.unitUnknown(unitId));
        }
        return { ...input, id: input.name, by: meta.actor, at: stamp(meta) };
      },
      (chain) => zh.summaryChain(chain.name),
    );
  }
}

function findUnit(units: ReadonlyArray<Unit>, name: string): Unit | null {
  return units.find((u) => u.name === name || u.id === name) ?? null;
}

export function bindingId(platform: string, chatId: string): string {
  return `${platform}:${chatId}`;
}
