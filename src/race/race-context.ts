import type { Store } from '../../storage/store.ts';
import type { Reply } from '../core/reply.ts';
import { zh } from '../text/zh.ts';
import { type LocalDate, localDate } from '../time/clock.ts';
import { rankUnits } from './ranking.ts';
import { rankingReply } from './ranking-view.ts';
import { type RaceSettings, readSettings } from './settings.ts';

export interface RaceView {
  store: Store;
  settings: RaceSettings;
  today: LocalDate;
}

export function raceView(store: Store, now: Date): RaceView {
  return { store, settings: readSettings(store), today: localDate(now) };
}

/** A ranking as of a date, with the note that says which tier and which 序时 rule it uses. */
export function rankingAsOf(view: RaceView, asOf: LocalDate, title: string, picture = false): Reply {
  const { settings } = view;
  const note = zh.tierNote(settings.rankingTier, settings.progressMode === 'months');
  const reply = rankingReply(title, rankUnits(view.store, asOf, settings), note);
  return picture
    ? { ...reply, picture: { title: zh.quarterlyPictureTitle(title.replace(/（五色图）$/, '')), asOf } }
    : reply;
}
