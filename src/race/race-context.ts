import type { Store } from '../../storage/store.ts';
import type { Reply } from '../core/reply.ts';
import { zh } from '../text/zh.ts';
import { type LocalDate, localDate } from '../time/clock.ts';
import { type Ranking, rankUnits } from './ranking.ts';
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
  return rankingWithReply(view, asOf, title, picture).reply;
}

/** The same reply, with the ranking it was made from (the web page draws its chart from that ranking). */
export function rankingWithReply(
  view: RaceView,
  asOf: LocalDate,
  title: string,
  picture = false,
): { reply: Reply; ranking: Ranking } {
  const { settings } = view;
  const note = zh.tierNote(settings.rankingTier, settings.progressMode === 'months');
  const ranking = rankUnits(view.store, asOf, settings);
  const reply = rankingReply(title, ranking, note);
  return {
    ranking,
    reply: picture
      ? { ...reply, picture: { title: zh.quarterlyPictureTitle(title.replace(/（五色图）$/, '')), asOf } }
      : reply,
  };
}
