import type { CommandSpec } from '../src/core/command.ts';
import addInstalment from './add-instalment.ts';
import addMember from './add-member.ts';
import addProblem from './add-problem.ts';
import addProgress from './add-progress.ts';
import addTrip from './add-trip.ts';
import addUnit from './add-unit.ts';
import bindChat from './bind-chat.ts';
import claimChallenge from './claim-challenge.ts';
import editProject from './edit-project.ts';
import help from './help.ts';
import honour from './honour.ts';
import myProjects from './my-projects.ts';
import postChallenge from './post-challenge.ts';
import projectCard from './project-card.ts';
import registerNegotiation from './register-negotiation.ts';
import registerSigning from './register-signing.ts';
import registerStart from './register-start.ts';
import setTarget from './set-target.ts';
import terminateProject from './terminate-project.ts';
import undo from './undo.ts';

/** Every command the bot understands, in the order `帮助` lists them. */
export const commands: ReadonlyArray<CommandSpec> = [
  registerNegotiation,
  registerSigning,
  registerStart,
  addInstalment,
  addProgress,
  addProblem,
  addTrip,
  terminateProject,
  undo,
  projectCard,
  myProjects,
  help,
  addUnit,
  addMember,
  setTarget,
  bindChat,
  editProject,
  postChallenge,
  claimChallenge,
  honour,
];
