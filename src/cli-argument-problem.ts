import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from './core/errors.ts';
/** What one command says about each kind of bad command line, in Chinese. */
export interface ArgumentTexts {
  unknownFlag(flag: string): string;
  flagNeedsValue(flag: string): string;
  strayWord(word: string): string;
  unknownOption(message: string): string;
}

/** node's parseArgs says what was wrong in English; the operator reads it in Chinese. */
export function argumentProblem(e: NodeJS.ErrnoException, texts: ArgumentTexts): string {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  const flag = /--?[\w-]+/.exec(quoted.replace(/^-\w, /, ''))?.[0] ?? quoted;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return texts.unknownFlag(flag);
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return texts.flagNeedsValue(flag);
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return texts.strayWord(quoted);
  return texts.unknownOption(e.message);
}

/** parseArgs, with a bad command line refused in the command's own Chinese. */
export function readCommandLine<T extends ParseArgsConfig>(
  config: T,
  texts: ArgumentTexts,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UserError(argumentProblem(e as NodeJS.ErrnoException, texts));
  }
}
