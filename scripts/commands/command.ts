import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CitygridError } from '@citygrid/core';

/** One CLI command: its name, help text, flags and what it does. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the exit code: 0 success, 1 ran and found problems, 2 bad input or usage. */
  run(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }): Promise<number>;
}

/**
 * Parses argv for a command and runs it. Usage errors and CitygridErrors become messages on
 * stderr with the catalogue's exit code, so every command fails the same way.
 */
export async function runCommand(command: Command, argv: string[]): Promise<number> {
  const parse = () =>
    parseArgs({ args: argv, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (e) {
    process.stderr.write(`citygrid ${command.name}: ${(e as Error).message}\n\n${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.summary}\n\n${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(parsed as { positionals: string[]; values: Record<string, string | boolean | undefined> });
  } catch (e) {
    if (e instanceof CitygridError) {
      printProblems(command.name, e);
      return e.exit;
    }
    throw e;
  }
}

/** Writes each problem of an error as `citygrid <cmd>: <where>: <message>` plus its fix. */
export function printProblems(commandName: string, error: CitygridError, source?: string): void {
  for (const p of error.problems) {
    process.stderr.write(`citygrid ${commandName}: ${source ? `${source}: ` : ''}${p.message}\n  fix: ${p.fix}\n`);
  }
}

/**
 * A path the user typed, resolved against the directory they ran the command from: pnpm runs
 * root scripts from the workspace root and keeps the caller's directory in INIT_CWD.
 */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
