#!/usr/bin/env node
import { reportConfigErrors } from '../lib/config-error.js';
import { buildApp } from '../lib/wild-rydes-app.js';

// Context flags (-c authMode=iam, -c allowedOrigins=..., -c retainData=true) are read and checked by buildApp.
// A ConfigError (a wrong flag) is printed plainly; any other error is a bug and keeps its stack.
reportConfigErrors(() => buildApp().app.synth());
