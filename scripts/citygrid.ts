import { runCommand, type Command } from './commands/command.ts';
import { importCommand } from './commands/import.ts';
import { routeCommand } from './commands/route.ts';
import { serveCommand } from './commands/serve.ts';

const COMMANDS: Command[] = [importCommand, routeCommand, serveCommand];

const HELP = `citygrid: grid management toolkit (网格化管理)

usage: citygrid <command> [options]   (pnpm citygrid <command> from the repository)

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Run citygrid <command> --help for its options.
Exit codes: 0 success, 1 ran and found problems, 2 bad input or usage.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`citygrid: unknown command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  return runCommand(command, rest);
}

process.exitCode = await main(process.argv.slice(2));
