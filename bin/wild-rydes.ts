#!/usr/bin/env node
import { buildApp } from '../lib/wild-rydes-app.js';

// Context flags (-c authMode=iam, -c allowedOrigins=..., -c retainData=true) are read and checked by buildApp.
try {
  buildApp().app.synth();
} catch (error) {
  if (error instanceof Error && /^Invalid(AuthMode|Context)Error$/.test(error.name)) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
