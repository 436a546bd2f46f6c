import { join } from 'node:path';
import { DEFAULT_STREAM } from '../../storage/pg/pg-persistence.ts';
import type { Config } from '../config.ts';

/** Where one ledger of the deployment lives and who administers it. */
export interface LedgerPlace {
  /** `district` for the only district of a one-district deployment, else the SAIMA_DISTRICTS code; `city` for the city. */
  id: string;
  /** 「XX区」; null when a one-district deployment leaves SAIMA_DISTRICT_NAME empty. */
  name: string | null;
  admins: string[];
  /** Its own journal stream on PostgreSQL. */
  stream: string;
  /** Its own directory with the embedded files. */
  dataDir: string;
}

export interface DeploymentPlan {
  districts: LedgerPlace[];
  /** The city level: only in a many-district deployment. */
  city: LedgerPlace | null;
}

/** A district's journal stream in a many-district deployment. */
export function districtStream(code: string): string {
  return `${DEFAULT_STREAM}:${code}`;
}

/**
 * Which ledgers one deployment opens. Without SAIMA_DISTRICTS: the one district in the data directory
 * itself and the database's default stream, as before districts existed. With it: each district in
 * `districts/<code>/` and on the stream `district:<code>`, and the city in `city/` and on `city`.
 */
export function deploymentPlan(
  config: Pick<
    Config,
    'SAIMA_DISTRICTS' | 'SAIMA_ADMINS' | 'SAIMA_DISTRICT_NAME' | 'SAIMA_CITY_NAME' | 'SAIMA_CITY_ADMINS'
  >,
  dataDir: string,
): DeploymentPlan {
  if (!config.SAIMA_DISTRICTS) {
    return {
      districts: [
        {
          id: DEFAULT_STREAM,
          name: config.SAIMA_DISTRICT_NAME,
          admins: config.SAIMA_ADMINS,
          // the stream and the directory a one-district deployment has always used: nothing moves for it
          stream: DEFAULT_STREAM,
          dataDir,
        },
      ],
      city: null,
    };
  }
  return {
    districts: config.SAIMA_DISTRICTS.map((d) => ({
      id: d.id,
      name: d.name,
      admins: d.admins,
      stream: districtStream(d.id),
      dataDir: join(dataDir, 'districts', d.id),
    })),
    city: {
      id: 'city',
      name: config.SAIMA_CITY_NAME,
      admins: config.SAIMA_CITY_ADMINS,
      stream: 'city',
      dataDir: join(dataDir, 'city'),
    },
  };
}
