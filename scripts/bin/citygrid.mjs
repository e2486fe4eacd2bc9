#!/usr/bin/env node
// The `citygrid` command (package.json "bin"): `npx citygrid …` in the repository, with nothing
// on stdout but the command's own output (no pnpm banner, no ELIFECYCLE), so `--json > x.json`
// and `KEY=$(npx citygrid keys create …)` capture exactly what the command printed. The CLI is
// TypeScript run through tsx, as `pnpm citygrid` does.
import { register } from 'tsx/esm/api';

register();
await import('../citygrid.ts');
