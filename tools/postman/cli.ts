import { postmanMain } from './main.js';

process.exitCode = await postmanMain(process.argv.slice(2));
