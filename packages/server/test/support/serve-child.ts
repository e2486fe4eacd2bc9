// The server as its own process, for tests that kill it (kill -9 durability): opens the DuckDB
// file given as argv[2], listens on 127.0.0.1 (a free port), prints `listening <url>` and keeps
// running until killed. Access control and the rate limit are off: the test is about storage.
import { build } from '../../src/index.ts';

const app = await build({ dbPath: process.argv[2], auth: false, rateLimit: false });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${url}\n`);
