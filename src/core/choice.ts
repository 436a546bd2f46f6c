import type { Project } from '../../storage/schema.ts';

/** Thrown when a name matches several projects: the person picks one by replying its number. */
export class ChoiceNeeded extends Error {
  constructor(
    readonly ref: string,
    readonly projects: ReadonlyArray<Readonly<Project>>,
    /** Offer "create a new project with this name" as the last option. */
    readonly allowNew: boolean,
  ) {
    super(`several projects match ${ref}`);
  }
}
