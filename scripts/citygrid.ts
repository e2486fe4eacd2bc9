import { runCommand, type Command } from './commands/command.ts';

// Commands load on demand: `route` should not pay for starting fastify and DuckDB.
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  import: {
    summary: 'Validate a grid GeoJSON file and store it in a DuckDB file (all or nothing).',
    load: async () => (await import('./commands/import.ts')).importCommand,
  },
  publish: {
    summary: 'Make a draft grid version (import --draft) current and re-route the stored reports.',
    load: async () => (await import('./commands/publish.ts')).publishCommand,
  },
  route: {
    summary: 'Add the grid each report falls in (grid_id) to every row of a CSV or GeoJSON file.',
    load: async () => (await import('./commands/route.ts')).routeCommand,
  },
  validate: {
    summary: 'Check that grids tile their area: gaps, overlaps, invalid polygons, mismatched borders, in m².',
    load: async () => (await import('./commands/validate.ts')).validateCommand,
  },
  partition: {
    summary: 'Divide an area into grids (by count, target area or workload, or a square/hex grid), coded and with a quality report.',
    load: async () => (await import('./commands/partition.ts')).partitionCommand,
  },
  repair: {
    summary: 'Remove overlaps, fill narrow gaps and snap borders so grids tile their area; log every m² moved.',
    load: async () => (await import('./commands/repair.ts')).repairCommand,
  },
  boundaries: {
    summary: "Load one level's boundaries (city, district, street, community) from a GeoJSON file.",
    load: async () => (await import('./commands/boundaries.ts')).boundariesCommand,
  },
  serve: {
    summary: 'Start the citygrid server and viewer on a DuckDB file.',
    load: async () => (await import('./commands/serve.ts')).serveCommand,
  },
  reports: {
    summary: 'Import reports from a CSV file: checked by the city profile, routed, dispatched, all or nothing.',
    load: async () => (await import('./commands/reports.ts')).reportsCommand,
  },
  people: {
    summary: 'Import the grid team (people, team roles, departments, grids) from a CSV file (all or nothing).',
    load: async () => (await import('./commands/people.ts')).peopleCommand,
  },
  keys: {
    summary: 'Make, list and revoke API keys (viewer, reporter, planner, admin, and the case roles) in a DuckDB file.',
    load: async () => (await import('./commands/keys.ts')).keysCommand,
  },
  audit: {
    summary: "Verify the case log's hash chain in a DuckDB file; name the first event that breaks it.",
    load: async () => (await import('./commands/audit.ts')).auditCommand,
  },
};

const HELP = `citygrid: grid management toolkit (网格化管理)

usage: citygrid <command> [options]   (npx citygrid <command> from the repository)

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run citygrid <command> --help for its options.
Exit codes: 0 success, 1 ran and found problems, 2 bad input or usage.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP + '\n');
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`citygrid: unknown command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  return runCommand(await entry.load(), rest);
}

// A reader that stops early (`citygrid route … | head`) closes the pipe: not an error of ours.
// Other stdout errors reach the command through its own stream pipeline and are reported there.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
