import { UserError } from '../src/core/errors.ts';
import { zh } from '../src/text/zh.ts';
import { Aggregate, stamp } from './aggregate.ts';
import type { ChangeMeta } from './ledger.ts';
import type { Trip } from './schema.ts';

/** 外出招商: the trips out to meet investors. */
export class Trips extends Aggregate {
  trip(id: string): Trip | null {
    return this.copy((d) => d.trips[id.trim().toUpperCase()] ?? null);
  }

  trips(filter: (t: Readonly<Trip>) => boolean = () => true): Trip[] {
    return this.copy((d) => Object.values(d.trips).filter(filter));
  }

  recordTrip(
    meta: ChangeMeta,
    input: Omit<Trip, 'id' | 'by' | 'at' | 'enterprises'> & { enterprises: string[] },
  ): Trip {
    const year = input.date.slice(0, 4);
    return this.add(
      meta,
      'trips',
      (tx) => ({
        ...input,
        enterprises: distinctNames(input.enterprises),
        id: `T${year}-${String(tx.next(`trip:${year}`)).padStart(3, '0')}`,
        by: meta.actor,
        at: stamp(meta),
      }),
      (trip) => zh.summaryTrip(trip.destination, trip.date),
    );
  }

  /** Corrects a 外出招商 record; its id stays, whatever the new date. */
  updateTrip(
    meta: ChangeMeta,
    tripId: string,
    patch: Partial<Pick<Trip, 'destination' | 'leaderName' | 'ledByDistrictLeader' | 'enterprises' | 'date'>>,
  ): { before: Trip; after: Trip } {
    return this.write(meta, (tx) => {
      const trip = tx.get('trips', tripId);
      if (!trip) throw new UserError(zh.tripUnknown(tripId));
      const before = structuredClone(trip);
      const enterprises = patch.enterprises && distinctNames(patch.enterprises);
      const after: Trip = { ...trip, ...patch, ...(enterprises ? { enterprises } : {}) };
      if (JSON.stringify(after) === JSON.stringify(before)) throw new UserError(zh.tripUnchanged(after.id));
      tx.put('trips', after);
      tx.summary = zh.summaryTripEdited(after.id, after.destination, after.date);
      return { before, after };
    });
  }
}

/** Enterprise names as written, trimmed, each once, blanks dropped. */
function distinctNames(names: string[]): string[] {
  return [...new Set(names.map((e) => e.trim()).filter(Boolean))];
}
