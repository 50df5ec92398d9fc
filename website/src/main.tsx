/**
 * Start-up: read /config.json, configure Amplify from it, then render. A missing or
 * invalid config gets an explanatory page instead of a blank screen.
 */
import { Hub } from 'aws-amplify/utils';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { configureAmplify } from './auth/amplify-setup';
import { amplifyAuthService, setAuthConfig } from './auth/auth-service';
import type { AuthEventSource } from './auth/session';
import { ConfigError, loadConfig } from './config/config';
import { ConfigErrorPage } from './pages/ConfigErrorPage';
import { installS3Tap } from './photos/s3-tap';
import './styles.css';

const hubEvents: AuthEventSource = (listener) => Hub.listen('auth', ({ payload }) => listener(payload.event));

async function start() {
  const root = createRoot(document.getElementById('root')!);
  try {
    const config = await loadConfig();
    configureAmplify(config);
    setAuthConfig(config);
    // Shows Amplify Storage's S3 calls in the inspector; reaches the local S3 over http (s3-tap.ts).
    if (config.riderFilesBucket) installS3Tap(config.riderFilesBucket, config.s3Endpoint);
    root.render(<App config={config} auth={amplifyAuthService} events={hubEvents} />);
  } catch (e) {
    const problems = e instanceof ConfigError ? e.problems : [String(e)];
    root.render(<ConfigErrorPage problems={problems} />);
  }
}

void start();
