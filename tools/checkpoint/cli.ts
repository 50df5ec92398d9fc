import { checkpointMain } from './main.js';

process.exitCode = await checkpointMain(process.argv.slice(2));
