import type { CommandSpec } from '../src/core/command.ts';
import activateMember from './activate-member.ts';
import addInstalment from './add-instalment.ts';
import addMember from './add-member.ts';
import addProblem from './add-problem.ts';
import addProgress from './add-progress.ts';
import addTrip from './add-trip.ts';
import addUnit from './add-unit.ts';
import bindChat from './bind-chat.ts';
import chainProgress from './chain-progress.ts';
import changeSetting from './change-setting.ts';
import claimChallenge from './claim-challenge.ts';
import deactivateMember from './deactivate-member.ts';
import deliveryStatus from './delivery-status.ts';
import districtProgress from './district-progress.ts';
import editProject from './edit-project.ts';
import editTrip from './edit-trip.ts';
import editUnit from './edit-unit.ts';
import exportLedger from './export-ledger.ts';
import help from './help.ts';
import heroList from './hero-list.ts';
import honour from './honour.ts';
import leaderTrips from './leader-trips.ts';
import myProjects from './my-projects.ts';
import negotiationsDue from './negotiations-due.ts';
import noProgress from './no-progress.ts';
import postChallenge from './post-challenge.ts';
import projectCard from './project-card.ts';
import pushNow from './push-now.ts';
import pushPreview from './push-preview.ts';
import rankingLastMonth from './ranking-last-month.ts';
import rankingMonth from './ranking-month.ts';
import rankingQuarter from './ranking-quarter.ts';
import rankingThisMonth from './ranking-this-month.ts';
import rankingYear from './ranking-year.ts';
import registerNegotiation from './register-negotiation.ts';
import registerSigning from './register-signing.ts';
import registerStart from './register-start.ts';
import reminderPreview from './reminder-preview.ts';
import removeMember from './remove-member.ts';
import setChain from './set-chain.ts';
import setTarget from './set-target.ts';
import showSettings from './show-settings.ts';
import signedNotStarted from './signed-not-started.ts';
import solveProblem from './solve-problem.ts';
import summary from './summary.ts';
import terminateProject from './terminate-project.ts';
import undo from './undo.ts';
import unitProgress from './unit-progress.ts';
import webBoard from './web-board.ts';

/** Every command the bot understands, in the order `帮助` lists them. */
export const commands: ReadonlyArray<CommandSpec> = [
  registerNegotiation,
  registerSigning,
  registerStart,
  addInstalment,
  addProgress,
  addProblem,
  noProgress,
  solveProblem,
  addTrip,
  editTrip,
  terminateProject,
  undo,
  projectCard,
  myProjects,
  rankingThisMonth,
  rankingLastMonth,
  rankingMonth,
  rankingQuarter,
  rankingYear,
  districtProgress,
  summary,
  unitProgress,
  chainProgress,
  leaderTrips,
  signedNotStarted,
  negotiationsDue,
  heroList,
  webBoard,
  showSettings,
  exportLedger,
  help,
  addUnit,
  addMember,
  deactivateMember,
  activateMember,
  removeMember,
  editUnit,
  setTarget,
  changeSetting,
  setChain,
  pushPreview,
  reminderPreview,
  pushNow,
  deliveryStatus,
  bindChat,
  editProject,
  postChallenge,
  claimChallenge,
  honour,
];
