import { riderMain } from './main.js';

process.exitCode = await riderMain(process.argv.slice(2));
